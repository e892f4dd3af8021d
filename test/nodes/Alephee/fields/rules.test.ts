import { amountRule, booleanRule, codeListRule, codeRule, dateTimeRule, idRule, textRule } from '../../../../nodes/Alephee/fields/rules';

const context = { timezone: 'UTC' };

describe('field rules', () => {
	it('each names the field and what a valid value looks like', () => {
		expect(idRule.expected('Order ID')).toMatch(/^Order ID must be a positive whole number/);
		expect(booleanRule.expected('Revert Stock')).toMatch(/^Revert Stock must be true or false/);
		expect(codeRule([10, 20]).expected('New Status')).toBe('New Status must be one of 10, 20.');
		expect(amountRule().expected('Price')).toMatch(/^Price must be a number, or empty/);
	});

	it('codeRule takes one of its codes, as a number or digits', () => {
		const status = codeRule([10, 17, 90]);
		expect(status.check(17, context)).toEqual({ valid: true, value: 17 });
		expect(status.check(' 90 ', context)).toEqual({ valid: true, value: 90 });
		expect(status.check(70, context)).toEqual({ valid: false, problem: '"70" is not one of 10, 17, 90' });
		expect(status.check('shipped', context)).toEqual({ valid: false, problem: '"shipped" is not one of 10, 17, 90' });
	});

	it('codeListRule sends a comma list of its codes', () => {
		const types = codeListRule([1, 2, 5, 6]);
		expect(types.check([1, 5], context)).toEqual({ valid: true, value: '1,5' });
		expect(types.check('2, 6', context)).toEqual({ valid: true, value: '2,6' });
		expect(types.check([1, 3], context)).toMatchObject({ valid: false });
	});

	it('amountRule takes numbers (and numeric text), whole ones where asked', () => {
		const stock = amountRule({ whole: true });
		expect(stock.check('12', context)).toEqual({ valid: true, value: 12 });
		expect(stock.check(-3, context)).toEqual({ valid: true, value: -3 });
		expect(stock.check(1.5, context)).toEqual({ valid: false, problem: '"1.5" is not a whole number' });
		expect(amountRule().check('1499.90', context)).toEqual({ valid: true, value: 1499.9 });
		expect(amountRule().check('cheap', context)).toEqual({ valid: false, problem: '"cheap" is not a number' });
	});

	it('textRule trims text and numbers and refuses empty text; dateTimeRule sends minutes', () => {
		expect(textRule.check('  MATE-1 ', context)).toEqual({ valid: true, value: 'MATE-1' });
		expect(textRule.check(123, context)).toEqual({ valid: true, value: '123' });
		expect(textRule.check({}, context)).toEqual({ valid: false, problem: 'it is not text' });
		expect(textRule.check('   ', context)).toEqual({ valid: false, problem: 'it is empty' });
		expect(dateTimeRule.check('2026-11-24T10:20:30Z', context)).toEqual({ valid: true, value: '2026-11-24 10:20' });
	});
});
