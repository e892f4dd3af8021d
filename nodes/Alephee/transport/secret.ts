/**
 * The API key never shows: every spelling it can take in text that quotes a request, hidden in
 * errors and output items; and the one digest that stands for a key where the node must tell
 * keys apart (rate-limit budgets, learned call sizes) without keeping the key.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * Every spelling the key can take in text that quotes a request: as is, URL-encoded (`%26`,
 * `%20`, in either case), form-encoded (`+` for a space), and encoded twice.
 */
export function secretSpellings(secret: string): string[] {
	const encoded = encodeURIComponent(secret);
	const spellings = [
		secret,
		encoded,
		encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		encoded.replace(/%20/g, '+'),
		encodeURI(secret),
		encodeURIComponent(encoded),
	];
	// Longest first, so a spelling that contains another is replaced whole.
	return [...new Set(spellings)].filter(Boolean).sort((a, b) => b.length - a.length);
}

export function hideSecret(text: string, secret: string | undefined): string {
	if (!secret) return text;
	return secretSpellings(secret).reduce((hidden, spelling) => hidden.split(spelling).join('[hidden]'), text);
}

/** `json` with every spelling of the key replaced, when it holds one (rare: a copy is made only then). */
export function withoutSecret(json: IDataObject, secret: string): IDataObject {
	const text = JSON.stringify(json);
	if (hideSecret(text, secret) === text) return json;
	const scrub = (value: unknown): unknown => {
		if (typeof value === 'string') return hideSecret(value, secret);
		if (Array.isArray(value)) return value.map(scrub);
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([name, inner]) => [hideSecret(name, secret), scrub(inner)]));
		}
		return value;
	};
	return scrub(json) as IDataObject;
}

/** A short digest that stands for an API key (never the key itself) in the node's process-wide state. */
export function keyDigest(apiKey: string): string {
	return createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
}
