/**
 * The checks a field's value passes before anything is sent, each putting the value in the form
 * Alephee reads; an operation names its fields' checks, the transport runs them.
 */
import { type Check, checkBoolean, checkDateTime, checkPositiveWholeNumber } from './validation';

/** What a check may need to know of the workflow. */
export interface CheckContext {
	/** The workflow's time zone (Settings → Timezone). */
	timezone: string;
}

/** A value checked, and put in the form Alephee reads, before anything is sent. */
export interface FieldCheck {
	/** The field's name as the user sees it. */
	label: string;
	check(raw: unknown, context: CheckContext): Check<unknown>;
	/** What a valid value looks like. */
	expected: string;
	/** Left out of the request when empty, instead of refused. */
	optional?: boolean;
}

export const idField = (label: string, options: { optional?: boolean } = {}): FieldCheck => ({
	label,
	check: checkPositiveWholeNumber,
	expected: `${label} must be a positive whole number, the ID shown in Alephee (for example 12345).`,
	...options,
});

export const switchField = (label: string, options: { optional?: boolean } = {}): FieldCheck => ({
	label,
	check: checkBoolean,
	expected: `${label} must be true or false (an expression may also give the text "true" or "false").`,
	...options,
});

export const dateTimeField = (label: string): FieldCheck => ({
	label,
	check: (raw, { timezone }) => checkDateTime(raw, timezone),
	expected: `${label} must be a date and time, such as 2026-11-24 13:45 or an ISO date-time from an expression.`,
	optional: true,
});

/** One of a fixed list of codes (a status, say), given as its number. */
export const codeField = (label: string, codes: number[], options: { optional?: boolean } = {}): FieldCheck => ({
	label,
	check: (raw) => {
		const code = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
		return codes.includes(code)
			? { valid: true, value: code }
			: { valid: false, problem: `"${String(raw)}" is not one of ${codes.join(', ')}` };
	},
	expected: `${label} must be one of ${codes.join(', ')}.`,
	...options,
});

export const countField = (label: string, options: { optional?: boolean } = {}): FieldCheck => ({
	label,
	check: checkPositiveWholeNumber,
	expected: `${label} must be a whole number, 1 or more.`,
	...options,
});

export const textField = (label: string, options: { optional?: boolean } = {}): FieldCheck => ({
	label,
	check: (raw) =>
		typeof raw === 'string' || typeof raw === 'number'
			? { valid: true, value: String(raw).trim() }
			: { valid: false, problem: 'it is not text' },
	expected: `${label} must be text.`,
	...options,
});

/** A list's Limit: n8n hides it (and gives no value) when Return All is on. */
export const limitParameter = { limit: countField('Limit', { optional: true }) };

/** A number field of the update: left out when empty, refused when not a number. */
export const amountField = (label: string, options: { whole?: boolean } = {}): FieldCheck => ({
	label,
	optional: true,
	expected: `${label} must be a number${options.whole ? ' (a whole number)' : ''}, or empty to leave it as it is.`,
	check: (raw: unknown) => {
		const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
		if (!Number.isFinite(value)) return { valid: false, problem: `"${String(raw)}" is not a number` };
		if (options.whole && !Number.isInteger(value)) return { valid: false, problem: `"${String(raw)}" is not a whole number` };
		return { valid: true, value };
	},
});

/** Several codes from a fixed list, sent as Alephee's comma list. */
export const codeListField = (label: string, codes: number[]): FieldCheck => ({
	label,
	optional: true,
	expected: `${label} must be a list of ${codes.join(', ')}.`,
	check: (raw: unknown) => {
		const values = (Array.isArray(raw) ? raw : String(raw).split(',')).map((value) => Number(String(value).trim()));
		const wrong = values.find((value) => !codes.includes(value));
		return wrong === undefined ? { valid: true, value: values.join(',') } : { valid: false, problem: `"${String(raw)}" has a value that is not one of ${codes.join(', ')}` };
	},
});

/**
 * The Integrated filter: any, integrated or not integrated. Workflows saved before it had a
 * choice stored a switch (on: integrated only, off: not integrated only), read the same way.
 */
export const integrationField = (label: string): FieldCheck => ({
	label,
	expected: `${label} must be any, integrated or notIntegrated (or true/false, as saved by earlier versions).`,
	check: (raw) => {
		if (raw === undefined || raw === null || raw === '') return { valid: true, value: 'any' };
		if (raw === 'any' || raw === 'integrated' || raw === 'notIntegrated') return { valid: true, value: raw };
		const saved = checkBoolean(raw);
		if (saved.valid) return { valid: true, value: saved.value ? 'integrated' : 'notIntegrated' };
		return { valid: false, problem: `"${String(raw)}" is not one of any, integrated, notIntegrated` };
	},
});
