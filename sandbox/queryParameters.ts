/** Reading Alephee's query parameters; a bad one ends the call with a `{Status, Message}` 4xx. */

export class ApiRefusal extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export const badParameter = (name: string, expected: string) =>
	new ApiRefusal(400, `El parámetro ${name} ${expected}.`);

export function requiredInteger(query: Record<string, string>, name: string): number {
	const value = query[name];
	if (value === undefined || !/^\d+$/.test(value)) {
		throw new ApiRefusal(400, `El parámetro ${name} es obligatorio y debe ser numérico.`);
	}
	return Number(value);
}

export function readInteger(query: Record<string, string>, name: string): number | undefined {
	const value = query[name];
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value)) throw badParameter(name, 'debe ser un número entero');
	return Number(value);
}

export function readBoolean(query: Record<string, string>, name: string): boolean | undefined {
	const value = query[name]?.toLowerCase();
	if (value === undefined) return undefined;
	if (value !== 'true' && value !== 'false') throw badParameter(name, 'debe ser true o false');
	return value === 'true';
}

/**
 * A `yyyy-mm-dd HH:mm` date (24 h). The documentation names no time zone: the sandbox reads
 * these in UTC, so a client must say which zone it sends.
 */
export function readMinute(query: Record<string, string>, name: string): Date | undefined {
	const value = query[name];
	if (value === undefined) return undefined;
	const parts = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(value)?.slice(1).map(Number);
	const date = parts && new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4]));
	const roundTrips = date !== undefined && date.toISOString().slice(0, 16) === value.replace(' ', 'T');
	if (!roundTrips) throw badParameter(name, 'debe tener el formato yyyy-mm-dd HH:mm');
	return date;
}
