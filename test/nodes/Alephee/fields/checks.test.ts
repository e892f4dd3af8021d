import { DateTime } from 'luxon';

import { checkBoolean, checkDateTime, checkPositiveWholeNumber } from '../../../../nodes/Alephee/fields/checks';

describe('checkPositiveWholeNumber', () => {
	it.each([
		[1, 1],
		[987654, 987654],
		['42', 42],
		['  42 ', 42],
		['007', 7],
	])('accepts %p as %p', (raw, value) => {
		expect(checkPositiveWholeNumber(raw)).toEqual({ valid: true, value });
	});

	it.each([
		[undefined, 'it is empty'],
		[null, 'it is empty'],
		['', 'it is empty'],
		['   ', 'it is empty'],
		[0, 'it must be 1 or more'],
		[-5, 'it must be 1 or more'],
		['-5', 'it must be 1 or more'],
		[1.5, '"1.5" is not a whole number'],
		['abc', '"abc" is not a whole number'],
		['12abc', '"12abc" is not a whole number'],
		[true, '"true" is not a whole number'],
		[{ id: 1 }, '"{"id":1}" is not a whole number'],
		['99999999999999999999', '"99999999999999999999" is too large to be an Alephee ID'],
	])('refuses %p: %s', (raw, problem) => {
		expect(checkPositiveWholeNumber(raw)).toEqual({ valid: false, problem });
	});
});

describe('checkBoolean', () => {
	it.each([
		[true, true],
		[false, false],
		['true', true],
		['TRUE', true],
		[' True ', true],
		['false', false],
		['FaLsE', false],
	])('accepts %p as %p', (raw, value) => {
		expect(checkBoolean(raw)).toEqual({ valid: true, value });
	});

	it.each([
		[undefined, 'it is empty'],
		['', 'it is empty'],
		['0', '"0" is neither true nor false'],
		['1', '"1" is neither true nor false'],
		['yes', '"yes" is neither true nor false'],
		[0, '"0" is neither true nor false'],
		[1, '"1" is neither true nor false'],
	])('refuses %p: %s', (raw, problem) => {
		expect(checkBoolean(raw)).toEqual({ valid: false, problem });
	});
});

describe('checkDateTime', () => {
	it.each([
		['2026-11-24T13:45:00', 'America/Argentina/Buenos_Aires', '2026-11-24 13:45'],
		['2026-11-24T13:45:59.999', 'UTC', '2026-11-24 13:45'],
		['2026-11-24T16:45:00.000Z', 'America/Argentina/Buenos_Aires', '2026-11-24 13:45'],
		['2026-11-24T13:45:00-03:00', 'UTC', '2026-11-24 16:45'],
		['2026-11-24 13:45', 'UTC', '2026-11-24 13:45'],
		['2026-11-24', 'UTC', '2026-11-24 00:00'],
	])('%p in %s is sent as %p', (raw, timezone, sent) => {
		expect(checkDateTime(raw, timezone)).toEqual({ valid: true, value: sent });
	});

	it('reads a date from an expression ($now, a JS Date)', () => {
		expect(checkDateTime(DateTime.fromISO('2026-01-02T03:04:05Z'), 'UTC')).toEqual({ valid: true, value: '2026-01-02 03:04' });
		expect(checkDateTime(new Date('2026-01-02T03:04:05Z'), 'UTC')).toEqual({ valid: true, value: '2026-01-02 03:04' });
	});

	it.each([
		['yesterday', '"yesterday" is not a date and time'],
		['2026-13-40', '"2026-13-40" is not a date and time'],
		[42, '"42" is not a date and time'],
		['', 'it is empty'],
	])('refuses %p: %s', (raw, problem) => {
		expect(checkDateTime(raw, 'UTC')).toEqual({ valid: false, problem });
	});
});
