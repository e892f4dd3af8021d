/**
 * Reading what came back with a failure: Alephee's own `{Status, Message}` (or its plain-text
 * 500), a proxy's HTML page (named by its title, never quoted), a redirect's target; always with
 * the key hidden and long texts clipped.
 */
import { hideSecret } from './secret';

export const MAX_QUOTED_LENGTH = 1000;

export const MAX_TITLE_LENGTH = 120;

export function clip(text: string, length: number): string {
	return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** Alephee errors are `{"Status": n, "Message": "…"}`; a 500 is a plain string. */
export function readAlepheeMessage(body: unknown, secret?: string): string | undefined {
	let text: string | undefined;
	if (typeof body === 'string') {
		text = isMarkup(body) ? undefined : messageFromText(body);
	} else if (body && typeof body === 'object' && !Array.isArray(body)) {
		const message = (body as Record<string, unknown>).Message ?? (body as Record<string, unknown>).message;
		if (typeof message === 'string') text = message;
	}
	text = text?.trim();
	if (!text) return undefined;
	return clip(hideSecret(text, secret), MAX_QUOTED_LENGTH);
}

function messageFromText(text: string): string {
	try {
		const parsed: unknown = JSON.parse(text);
		if (parsed && typeof parsed === 'object') return readAlepheeMessage(parsed) ?? '';
		if (typeof parsed === 'string') return parsed;
	} catch {
		// Not JSON: Alephee's 500 answers are plain text.
	}
	return text;
}

/** An HTML or XML page: a proxy's or gateway's, never Alephee's (its bodies are JSON or plain text). */
export function isMarkup(text: string): boolean {
	return /^\s*</.test(text);
}

/** The `<title>` of a page, as plain text, to name it without quoting its markup. */
export function pageTitle(body: unknown, secret?: string): string | undefined {
	if (typeof body !== 'string') return undefined;
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1];
	const text = title?.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
	return text ? clip(hideSecret(text, secret), MAX_TITLE_LENGTH) : undefined;
}

/** Alephee's documented error body: `{Status, Message}` JSON (parsed already, or as text). */
export function isAlepheeJson(body: unknown): boolean {
	if (body && typeof body === 'object') return true;
	if (typeof body !== 'string' || isMarkup(body)) return false;
	try {
		const parsed: unknown = JSON.parse(body);
		return !!parsed && typeof parsed === 'object';
	} catch {
		return false;
	}
}

/** Whether a body can be Alephee's: its JSON, nothing (304), or plain text for a 500 (the only one documented so). */
export function isAlepheeShaped(body: unknown, statusCode: number): boolean {
	if (body === undefined || body === null || body === '') return true;
	if (typeof body === 'string' && !isMarkup(body) && statusCode === 500) return true;
	return isAlepheeJson(body);
}

/** Where a redirect pointed, without its query (which may carry the key) or any user info. */
export function redirectTarget(location: unknown, secret?: string): string | undefined {
	const text = Array.isArray(location) ? location[0] : location;
	if (typeof text !== 'string' || !text.trim()) return undefined;
	try {
		const url = new URL(text.trim(), 'http://relative.invalid');
		const where = url.host === 'relative.invalid' ? url.pathname : `${url.protocol}//${url.host}${url.pathname}`;
		return clip(hideSecret(where, secret), MAX_TITLE_LENGTH);
	} catch {
		return undefined;
	}
}
