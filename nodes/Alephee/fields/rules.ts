/**
 * What a field's value must be, as a rule a field declaration names: the check that puts a valid
 * value in the form Alephee reads, and the words for what a valid value looks like.
 */
import { DateTime } from 'luxon';

import { type Check, checkBoolean, checkDateTime, checkInstant, checkPositiveWholeNumber } from './checks';

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

/** A code whose values Alephee does not publish: a whole number, 0 or more, sent as given. */
export const unpublishedCodeRule: Rule = {
	check: (raw) => {
		const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
		if (!text) return { valid: false, problem: 'it is empty' };
		return /^\d+$/.test(text) && Number.isSafeInteger(Number(text))
			? { valid: true, value: Number(text) }
			: { valid: false, problem: `"${String(raw)}" is not a whole number, 0 or more` };
	},
	expected: (label) => `${label} must be a whole number, 0 or more (Alephee does not publish which codes exist).`,
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

/** Text, trimmed, of at most `max` characters (counted as a person counts them, not in UTF-16 units). */
export function textUpToRule(max: number): Rule {
	return {
		check: (raw, context) => {
			const text = textRule.check(raw, context);
			if (!text.valid) return text;
			const length = characterCount(text.value as string);
			return length <= max
				? text
				: { valid: false, problem: `it has ${length} characters (counted as a person reads them: an emoji or a flag is one); Alephee takes at most ${max}` };
		},
		expected: (label) => `${label} must be text of at most ${max} characters.`,
	};
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Characters as a person counts them (grapheme clusters): a flag, a skin-toned or family emoji,
 * an "é" written as e + accent are one each, though JavaScript counts 2 to 11 code units.
 */
export function characterCount(text: string): number {
	return Array.from(graphemes.segment(text)).length;
}

/** A three-way filter: `any` (or empty: the filter is left out), else true or false (also as text). */
export const anyOrBooleanRule: Rule = {
	check: (raw) => {
		if (raw === undefined || raw === null || String(raw).trim() === '' || String(raw).trim().toLowerCase() === 'any') {
			return { valid: true, value: 'any' };
		}
		const value = checkBoolean(raw);
		return value.valid ? value : { valid: false, problem: `"${String(raw)}" is not one of any, true, false` };
	},
	expected: (label) => `${label} must be any, true or false.`,
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

/**
 * A date and time sent as ISO 8601 with the workflow's offset (Alephee's create page asks for
 * "UTC with local user time zone"; the exact format it accepts is not published). Empty: now.
 */
export const timestampRule: Rule = {
	check: (raw, { timezone }) => {
		const iso = (date: DateTime) => date.setZone(timezone).startOf('second').toISO({ suppressMilliseconds: true });
		if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { valid: true, value: iso(DateTime.now()) };
		const date = checkInstant(raw, timezone);
		return date.valid ? { valid: true, value: iso(date.value) } : date;
	},
	expected: (label) => `${label} must be a date and time, such as 2026-11-24 13:45 or an ISO date-time from an expression (empty: now).`,
};

/** JSON given as text or as an object from an expression. */
export function parseJson(raw: unknown): Check<unknown> {
	if (typeof raw !== 'string') return { valid: true, value: raw };
	try {
		return { valid: true, value: JSON.parse(raw) as unknown };
	} catch {
		return { valid: false, problem: 'it is not valid JSON' };
	}
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** A JSON object in Alephee's own shape, passed through as given (its inner fields are not published to us). */
export const jsonObjectRule: Rule = {
	check: (raw) => {
		const parsed = parseJson(raw);
		if (!parsed.valid) return parsed;
		return isObject(parsed.value) && Object.keys(parsed.value).length
			? { valid: true, value: parsed.value }
			: { valid: false, problem: 'it is not a JSON object with fields' };
	},
	expected: (label) => `${label} must be a JSON object in Alephee's own shape, such as {"Name": "…"}.`,
};

/**
 * A JSON list of objects in Alephee's own shape, between `min` and `max` long; `each` checks an
 * entry (returning a problem, or nothing).
 */
export function jsonListRule(min: number, max: number, each?: (entry: Record<string, unknown>, position: number) => string | undefined): Rule {
	return {
		check: (raw) => {
			const parsed = parseJson(raw);
			if (!parsed.valid) return parsed;
			const list = isObject(parsed.value) ? [parsed.value] : parsed.value;
			if (!Array.isArray(list) || list.some((entry) => !isObject(entry))) return { valid: false, problem: 'it is not a JSON list of objects' };
			if (list.length < min || list.length > max) return { valid: false, problem: `it has ${list.length}; Alephee takes ${min} to ${max}` };
			for (const [position, entry] of list.entries()) {
				const problem = each?.(entry as Record<string, unknown>, position);
				if (problem) return { valid: false, problem };
			}
			return { valid: true, value: list };
		},
		expected: (label) => `${label} must be a JSON list of ${min} to ${max} objects in Alephee's own shape (one object is taken as a list of one).`,
	};
}

/**
 * One of a fixed list of words (a file format, say), in any case, sent as written in `choices`;
 * `aliases` are other spellings of a choice (`{ ZPL: 'TXT' }`).
 */
export function choiceRule(choices: string[], aliases: Record<string, string> = {}): Rule {
	const spellings = new Map<string, string>([...choices.map((choice) => [choice, choice]), ...Object.entries(aliases)].map(([spelling, choice]) => [spelling.toLowerCase(), choice]));
	const named = [...choices, ...Object.keys(aliases)].join(', ');
	return {
		check: (raw) => {
			const choice = typeof raw === 'string' ? spellings.get(raw.trim().toLowerCase()) : undefined;
			return choice ? { valid: true, value: choice } : { valid: false, problem: `"${String(raw)}" is not one of ${named}` };
		},
		expected: (label) => `${label} must be one of ${named}.`,
	};
}

/** A percentage between `min` and `max` (both allowed), decimals allowed. */
export function percentRule(min: number, max: number): Rule {
	return {
		check: (raw, context) => {
			const amount = amountRule().check(raw, context);
			if (!amount.valid) return amount;
			const value = amount.value as number;
			if (value > max) return { valid: false, problem: `${value} is more than ${max}` };
			if (value < min) return { valid: false, problem: `${value} is less than ${min}` };
			return amount;
		},
		expected: (label) => `${label} must be a number from ${min} to ${max}.`,
	};
}

/**
 * A moment sent in UTC as ISO 8601 (`2026-12-24T03:00:00Z`): Alephee asks for UTC and publishes
 * no other format. A date typed without an offset is read in the workflow's time zone.
 */
export const utcInstantRule: Rule = {
	check: (raw, { timezone }) => {
		const date = checkInstant(raw, timezone);
		return date.valid ? { valid: true, value: date.value.toUTC().startOf('second').toISO({ suppressMilliseconds: true }) } : date;
	},
	expected: (label) => `${label} must be a date and time, such as 2026-12-24 00:00 (read in the workflow's time zone) or an ISO date-time from an expression.`,
};

/** A list of texts: typed with commas between them, or a list from an expression. */
export const textListRule: Rule = {
	check: (raw) => {
		const parts = (Array.isArray(raw) ? raw : typeof raw === 'string' || typeof raw === 'number' ? String(raw).split(',') : [undefined]).map((part) =>
			typeof part === 'string' || typeof part === 'number' ? String(part).trim() : undefined,
		);
		if (parts.some((part) => part === undefined)) return { valid: false, problem: 'it is not text or a list of texts' };
		const texts = parts.filter((part): part is string => !!part);
		return texts.length ? { valid: true, value: texts } : { valid: false, problem: 'it is empty' };
	},
	expected: (label) => `${label} must be text, several separated by commas, or a list from an expression.`,
};

/**
 * A value whose type Alephee does not publish (an ID or a name): a whole number when it is one,
 * else the text as given.
 */
export const idOrTextRule: Rule = {
	check: (raw, context) => {
		const text = textRule.check(raw, context);
		if (!text.valid) return text;
		return /^\d+$/.test(text.value as string) ? { valid: true, value: Number(text.value) } : text;
	},
	expected: (label) => `${label} must be an ID or a name.`,
};
