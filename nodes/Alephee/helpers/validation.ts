/**
 * Alephee identifies accounts and orders by positive integers. Expressions can hand us
 * anything (text, decimals, empty cells), so every ID is checked before a request leaves.
 */
export type IdCheck = { valid: true; value: number } | { valid: false; problem: string };

export function checkPositiveWholeNumber(raw: unknown): IdCheck {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		return { valid: false, problem: 'it is empty' };
	}
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

function describeValue(raw: unknown): string {
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
