import { DateTime } from 'luxon';

/**
 * Expressions can hand the node anything (text, decimals, empty cells, "TRUE" from a
 * spreadsheet), so every value that goes to Alephee is checked, and put in the one form
 * Alephee reads, before a request leaves.
 */
export type Check<T> = { valid: true; value: T } | { valid: false; problem: string };

/** Alephee identifies accounts, orders and products by positive integers. */
export function checkPositiveWholeNumber(raw: unknown): Check<number> {
	if (isEmpty(raw)) return { valid: false, problem: 'it is empty' };
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!/^-?\d+$/.test(text)) {
		return { valid: false, problem: `"${describeValue(raw)}" is not a whole number` };
	}
	const value = Number(text);
	if (value < 1) {
		return { valid: false, problem: 'it must be 1 or more' };
	}
	if (!Number.isSafeInteger(value)) {
		return { valid: false, problem: `"${text}" is too large to be an Alephee ID` };
	}
	return { valid: true, value };
}

/** A switch set by an expression: a boolean, or the text true/false in any case. */
export function checkBoolean(raw: unknown): Check<boolean> {
	if (typeof raw === 'boolean') return { valid: true, value: raw };
	if (typeof raw === 'string') {
		const text = raw.trim().toLowerCase();
		if (text === 'true') return { valid: true, value: true };
		if (text === 'false') return { valid: true, value: false };
	}
	if (isEmpty(raw)) return { valid: false, problem: 'it is empty' };
	return { valid: false, problem: `"${describeValue(raw)}" is neither true nor false` };
}

function isEmpty(raw: unknown): boolean {
	return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function describeValue(raw: unknown): string {
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * A date and time for Alephee's filters, which take `yyyy-mm-dd HH:mm` with no zone: the value
 * is read in (or converted to) `timezone` and sent to the minute.
 */
export function checkDateTime(raw: unknown, timezone: string): Check<string> {
	const date = checkInstant(raw, timezone);
	return date.valid ? { valid: true, value: date.value.setZone(timezone).toFormat('yyyy-MM-dd HH:mm') } : date;
}

/** A date and time given as a DateTime, a Date, or ISO/SQL text read in `timezone`. */
export function checkInstant(raw: unknown, timezone: string): Check<DateTime> {
	if (isEmpty(raw)) return { valid: false, problem: 'it is empty' };
	let date: DateTime | undefined;
	if (DateTime.isDateTime(raw)) date = raw;
	else if (raw instanceof Date) date = DateTime.fromJSDate(raw);
	else if (typeof raw === 'string') {
		const text = raw.trim();
		date = DateTime.fromISO(text, { zone: timezone });
		if (!date.isValid) date = DateTime.fromSQL(text, { zone: timezone });
	}
	if (!date?.isValid) {
		return { valid: false, problem: `"${describeValue(raw)}" is not a date and time` };
	}
	return { valid: true, value: date };
}
