import {
	amountField,
	codeField,
	codeListField,
	dateTimeField,
	idField,
	switchField,
	textField,
} from '../../../../nodes/Alephee/helpers/fieldChecks';

const context = { timezone: 'UTC' };

describe('field checks', () => {
	it('each names the field and what a valid value looks like', () => {
		expect(idField('Order ID').expected).toMatch(/^Order ID must be a positive whole number/);
		expect(switchField('Revert Stock').expected).toMatch(/^Revert Stock must be true or false/);
		expect(codeField('New Status', [10, 20]).expected).toBe('New Status must be one of 10, 20.');
		expect(amountField('Price').expected).toMatch(/^Price must be a number, or empty/);
	});

	it('codeField takes one of its codes, as a number or digits', () => {
		const status = codeField('New Status', [10, 17, 90]);
		expect(status.check(17, context)).toEqual({ valid: true, value: 17 });
		expect(status.check(' 90 ', context)).toEqual({ valid: true, value: 90 });
		expect(status.check(70, context)).toEqual({ valid: false, problem: '"70" is not one of 10, 17, 90' });
		expect(status.check('shipped', context)).toEqual({ valid: false, problem: '"shipped" is not one of 10, 17, 90' });
	});

	it('codeListField sends a comma list of its codes', () => {
		const types = codeListField('Product Types', [1, 2, 5, 6]);
		expect(types.check([1, 5], context)).toEqual({ valid: true, value: '1,5' });
		expect(types.check('2, 6', context)).toEqual({ valid: true, value: '2,6' });
		expect(types.check([1, 3], context)).toMatchObject({ valid: false });
	});

	it('amountField takes numbers (and numeric text), whole ones where asked', () => {
		const stock = amountField('Stock Quantity', { whole: true });
		expect(stock.check('12', context)).toEqual({ valid: true, value: 12 });
		expect(stock.check(-3, context)).toEqual({ valid: true, value: -3 });
		expect(stock.check(1.5, context)).toEqual({ valid: false, problem: '"1.5" is not a whole number' });
		expect(amountField('Price').check('1499.90', context)).toEqual({ valid: true, value: 1499.9 });
		expect(amountField('Price').check('cheap', context)).toEqual({ valid: false, problem: '"cheap" is not a number' });
		expect(stock.optional).toBe(true);
	});

	it('textField trims text and numbers; dateTimeField is optional and sends minutes', () => {
		expect(textField('SKU').check('  MATE-1 ', context)).toEqual({ valid: true, value: 'MATE-1' });
		expect(textField('SKU').check(123, context)).toEqual({ valid: true, value: '123' });
		expect(textField('SKU').check({}, context)).toEqual({ valid: false, problem: 'it is not text' });
		expect(dateTimeField('Created After').optional).toBe(true);
		expect(dateTimeField('Created After').check('2026-11-24T10:20:30Z', context)).toEqual({ valid: true, value: '2026-11-24 10:20' });
	});
});
