import { checkBoolean, checkPositiveWholeNumber } from '../../../../nodes/Alephee/helpers/validation';

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
