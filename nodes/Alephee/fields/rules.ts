/**
 * What a field's value must be, as a rule a field declaration names: the check that puts a valid
 * value in the form Alephee reads, and the words for what a valid value looks like.
 */
import { type Check, checkBoolean, checkDateTime, checkPositiveWholeNumber } from './checks';

/** What a check may need to know of the workflow. */
export interface CheckContext {
	/** The workflow's time zone (Settings → Timezone). */
	timezone: string;
}

export interface Rule {
	check(raw: unknown, context: CheckContext): Check<unknown>;
	/** What a valid value looks like, as a sentence about the field. */
	expected(label: string): string;
}

/** Alephee's IDs: accounts, orders, price lists. */
export const idRule: Rule = {
	check: checkPositiveWholeNumber,
	expected: (label) => `${label} must be a positive whole number, the ID shown in Alephee (for example 12345).`,
};

/** A switch an expression may also set with the text "true" or "false". */
export const booleanRule: Rule = {
	check: checkBoolean,
	expected: (label) => `${label} must be true or false (an expression may also give the text "true" or "false").`,
};

/** A date and time for Alephee's filters, sent to the minute in the workflow's time zone. */
export const dateTimeRule: Rule = {
	check: (raw, { timezone }) => checkDateTime(raw, timezone),
	expected: (label) => `${label} must be a date and time, such as 2026-11-24 13:45 or an ISO date-time from an expression.`,
};

/** A whole number, 1 or more (a Limit). */
export const countRule: Rule = {
	check: checkPositiveWholeNumber,
	expected: (label) => `${label} must be a whole number, 1 or more.`,
};

/** Text, trimmed; empty only where the field is optional. */
export const textRule: Rule = {
	check: (raw) => {
		if (typeof raw !== 'string' && typeof raw !== 'number') return { valid: false, problem: 'it is not text' };
		const text = String(raw).trim();
		return text ? { valid: true, value: text } : { valid: false, problem: 'it is empty' };
	},
	expected: (label) => `${label} must be text.`,
};

/** One of a fixed list of codes (a status, say), given as its number. */
export function codeRule(codes: number[]): Rule {
	return {
		check: (raw) => {
			const code = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
			return codes.includes(code)
				? { valid: true, value: code }
				: { valid: false, problem: `"${String(raw)}" is not one of ${codes.join(', ')}` };
		},
		expected: (label) => `${label} must be one of ${codes.join(', ')}.`,
	};
}

/** Several codes from a fixed list, sent as Alephee's comma list. */
export function codeListRule(codes: number[]): Rule {
	return {
		check: (raw) => {
			const values = (Array.isArray(raw) ? raw : String(raw).split(',')).map((value) => Number(String(value).trim()));
			const wrong = values.find((value) => !codes.includes(value));
			return wrong === undefined
				? { valid: true, value: values.join(',') }
				: { valid: false, problem: `"${String(raw)}" has a value that is not one of ${codes.join(', ')}` };
		},
		expected: (label) => `${label} must be a list of ${codes.join(', ')}.`,
	};
}

/** A number to change (stock, a price): refused when not a number. */
export function amountRule(options: { whole?: boolean } = {}): Rule {
	return {
		check: (raw) => {
			const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
			if (!Number.isFinite(value)) return { valid: false, problem: `"${String(raw)}" is not a number` };
			if (options.whole && !Number.isInteger(value)) return { valid: false, problem: `"${String(raw)}" is not a whole number` };
			return { valid: true, value };
		},
		expected: (label) => `${label} must be a number${options.whole ? ' (a whole number)' : ''}, or empty to leave it as it is.`,
	};
}

/**
 * The Integrated filter: any, integrated or not integrated. Workflows saved before it had a
 * choice stored a switch (on: integrated only, off: not integrated only), read the same way.
 */
export const integrationRule: Rule = {
	check: (raw) => {
		if (raw === undefined || raw === null || raw === '') return { valid: true, value: 'any' };
		if (raw === 'any' || raw === 'integrated' || raw === 'notIntegrated') return { valid: true, value: raw };
		const saved = checkBoolean(raw);
		if (saved.valid) return { valid: true, value: saved.value ? 'integrated' : 'notIntegrated' };
		return { valid: false, problem: `"${String(raw)}" is not one of any, integrated, notIntegrated` };
	},
	expected: (label) => `${label} must be any, integrated or notIntegrated (or true/false, as saved by earlier versions).`,
};
