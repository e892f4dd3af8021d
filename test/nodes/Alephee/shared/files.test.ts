import { choiceRule } from '../../../../nodes/Alephee/fields/rules';
import { fileNameOf } from '../../../../nodes/Alephee/shared/files';

const context = { timezone: 'UTC' };

describe('choiceRule', () => {
	const format = choiceRule(['PDF', 'ZIP', 'TXT'], { ZPL: 'TXT' });

	it('takes a choice or an alias in any case, sent as the choice is written', () => {
		expect(format.check('pdf', context)).toEqual({ valid: true, value: 'PDF' });
		expect(format.check(' Zpl ', context)).toEqual({ valid: true, value: 'TXT' });
		expect(choiceRule(['pdf', 'xml']).check('XML', context)).toEqual({ valid: true, value: 'xml' });
	});

	it('refuses anything else, naming what it takes', () => {
		expect(format.check('EPL', context)).toEqual({ valid: false, problem: '"EPL" is not one of PDF, ZIP, TXT, ZPL' });
		expect(format.check(1, context)).toEqual({ valid: false, problem: '"1" is not one of PDF, ZIP, TXT, ZPL' });
		expect(format.expected('Format')).toBe('Format must be one of PDF, ZIP, TXT, ZPL.');
	});
});

describe('fileNameOf (Content-Disposition)', () => {
	it.each([
		['attachment; filename="etiqueta-1.pdf"', 'etiqueta-1.pdf'],
		['attachment; filename=etiqueta-1.pdf', 'etiqueta-1.pdf'],
		[`attachment; filename="factura_S_o.pdf"; filename*=UTF-8''factura%20S%C3%A3o.pdf`, 'factura São.pdf'],
		['attachment; filename="a \\"b\\".pdf"', 'a "b".pdf'],
		['attachment; filename="../../etc/passwd"', 'passwd'],
		['attachment; filename="C:\\\\temp\\\\x.pdf"', 'x.pdf'],
		[`attachment; filename*=UTF-8''%E0%A4%A`, undefined],
		['attachment', undefined],
		[undefined, undefined],
		[['inline; filename="z.zip"'], 'z.zip'],
	])('%j → %j', (header, name) => {
		expect(fileNameOf(header)).toBe(name);
	});
});
