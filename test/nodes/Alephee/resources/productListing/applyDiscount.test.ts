import type { runAlephee } from '../../../../../harness/engine';
import { sandboxRun } from '../sandboxRun';

const ACCOUNT = 8300;

// A key per test: learned call sizes and rate-limit budgets are per key across the process.
const run = sandboxRun({ resource: 'productListing', operation: 'applyDiscount' }, 'discounts-key', [ACCOUNT], { typeVersion: 1.2, keyPerTest: true });

const applyDiscount = (items: object[], parameters: Record<string, unknown> = {}, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	run.run({ sku: '={{ $json.sku }}', discountPercent: '={{ $json.percent }}', startDate: '2026-12-24 00:00', finishDate: '2026-12-26 00:00', ...parameters }, { items, ...extra });

const calls = () => run.sandbox.requestsTo('POST /v2/productlistings/discounts');
const skus = (count: number) => Array.from({ length: count }, (_, index) => ({ sku: `SKU-${index + 1}`, percent: 15 }));

describe('Product Listing → Apply Discount', () => {
	it('sends each discount as Alephee names its fields, dates in UTC; an empty answer takes the item', async () => {
		const result = await applyDiscount([{ sku: 'MATE-500G', percent: 12.5 }], {
			brand: 'Acme',
			marketplace: 1,
			externalPublications: 'MLA1, MLA2',
			startDate: '2026-12-24T00:00:00-03:00',
			finishDate: '2026-12-26 00:00',
		});

		expect(result.error).toBeUndefined();
		expect(calls()).toHaveLength(1);
		expect(calls()[0].query).toEqual({ API_KEY: run.apiKey, accountId: String(ACCOUNT) });
		const sent = {
			Brand: 'Acme',
			SKU: 'MATE-500G',
			Marketplace: 1,
			ExternalPublications: ['MLA1', 'MLA2'],
			DiscountPercent: 12.5,
			StartDate: '2026-12-24T03:00:00Z',
			FinishDate: '2026-12-26T00:00:00Z',
		};
		expect(JSON.parse(calls()[0].body)).toEqual([sent]);
		expect(result.main).toEqual([
			{
				json: {
					accepted: true,
					accountId: ACCOUNT,
					sku: 'MATE-500G',
					brand: 'Acme',
					marketplace: 1,
					externalPublications: ['MLA1', 'MLA2'],
					discountPercent: 12.5,
					startDate: '2026-12-24T03:00:00Z',
					finishDate: '2026-12-26T00:00:00Z',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(run.sandbox.listings.discounts).toEqual([{ accountId: ACCOUNT, discount: sent }]);
	});

	it('a date without an offset is read in the workflow time zone; empty optional fields are left out', async () => {
		await applyDiscount([{ sku: 'A', percent: 0 }], { startDate: '2027-01-05T10:30:00', finishDate: '2027-01-06T10:30:00+01:00' });
		expect(JSON.parse(calls()[0].body)).toEqual([{ SKU: 'A', DiscountPercent: 0, StartDate: '2027-01-05T10:30:00Z', FinishDate: '2027-01-06T09:30:00Z' }]);
	});

	it('1,000 items: together, in as few calls as Alephee takes (413 learned), each item paired', async () => {
		run.sandbox.setObjectCap('POST /v2/productlistings/discounts', 400);
		const result = await applyDiscount(skus(1000));

		expect(result.main).toHaveLength(1000);
		result.main.forEach((item, index) => expect([item.json.sku, item.json.accepted, item.pairedItem]).toEqual([`SKU-${index + 1}`, true, { item: index }]));
		const accepted = calls().filter((call) => call.answeredWith === 200);
		expect(accepted.flatMap((call) => JSON.parse(call.body).map((discount: { SKU: string }) => discount.SKU))).toEqual(skus(1000).map((item) => item.sku));
		expect(accepted.length).toBeLessThanOrEqual(4);
		expect(run.sandbox.listings.discounts).toHaveLength(1000);
	});

	it('an answer Alephee does not publish is passed on as it came; one with a result per discount gives each item its own', async () => {
		run.sandbox.listings.discountsAnswerAs = () => ({ Procesados: 2 });
		const passed = await applyDiscount(skus(2));
		expect(passed.main.map((item) => item.json.alepheeAnswer)).toEqual([{ Procesados: 2 }, { Procesados: 2 }]);

		run.sandbox.listings.discountsAnswerAs = (discounts) => ({
			Total: discounts.length,
			Results: discounts.reverse().map((discount) => ({ Discount: discount, Status: discount.SKU === 'SKU-1' ? 400 : 200, Message: discount.SKU === 'SKU-1' ? 'El SKU SKU-1 no tiene publicaciones.' : 'OK' })),
		});
		const paired = await applyDiscount(skus(2), {}, { onError: 'continueErrorOutput' });
		expect(paired.main.map((item) => [item.json.sku, item.json.alepheeStatus, item.pairedItem])).toEqual([['SKU-2', 200, { item: 1 }]]);
		expect(paired.errorOutput.map((item) => [item.json.error, item.pairedItem])).toEqual([['Alephee refused the discount', { item: 0 }]]);
		expect(String(paired.errorOutput[0].json.message)).toContain('Alephee says: "El SKU SKU-1 no tiene publicaciones."');
	});

	it.each([
		['a percent of 120', { percent: 120 }, {}, 'Discount Percent is not valid: 120 is more than 100', /Discount Percent must be a number from 0 to 100\./],
		['a negative percent', { percent: -5 }, {}, 'Discount Percent is not valid: -5 is less than 0', /from 0 to 100/],
		['a percent that is text', { percent: 'mucho' }, {}, 'Discount Percent is not valid: "mucho" is not a number', /from 0 to 100/],
		['a finish before the start', { percent: 10 }, { finishDate: '2026-12-23 00:00' }, 'Finish Date is not valid: it is not after the Start Date (2026-12-24T00:00:00Z UTC; Finish Date 2026-12-23T00:00:00Z UTC)', /A discount ends after it starts/],
		['a finish equal to the start', { percent: 10 }, { finishDate: '2026-12-24 00:00' }, /^Finish Date is not valid: it is not after the Start Date/, /A discount ends after it starts/],
		['a start that is not a date', { percent: 10 }, { startDate: 'Navidad' }, 'Start Date is not valid: "Navidad" is not a date and time', /Start Date must be a date and time/],
		['an empty SKU', { sku: ' ', percent: 10 }, {}, 'SKU is not valid: it is empty', /SKU must be text/],
	])('%s is refused before sending, naming the field; the other items go', async (_case, bad, parameters, message, advice) => {
		const result = await applyDiscount([{ sku: 'GOOD', percent: 10 }, { sku: 'BAD', ...bad }], {
			...Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, `={{ $itemIndex === 1 ? ${JSON.stringify(value)} : ${JSON.stringify(name === 'finishDate' ? '2026-12-26 00:00' : '2026-12-24 00:00')} }}`])),
		}, { onError: 'continueErrorOutput' });
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(result.errorOutput[0].json.error).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(String(result.errorOutput[0].json.message)).toMatch(advice);
		expect(String(result.errorOutput[0].json.message)).toMatch(/Nothing was sent to Alephee\.$/);
		expect(calls().map((call) => JSON.parse(call.body).map((discount: { SKU: string }) => discount.SKU))).toEqual([['GOOD']]);
	});

	it("Alephee's refusal of a call is worded for each of its items, its message quoted", async () => {
		run.sandbox.failNextWith({ endpoint: 'POST /v2/productlistings/discounts', status: 412, contentType: 'application/json', body: JSON.stringify({ Status: 412, Message: 'La cuenta no tiene descuentos habilitados.' }) });
		const result = await applyDiscount(skus(2), {}, { onError: 'continueRegularOutput' });
		expect(result.main.map((item) => [item.json.error, item.json.sku, item.pairedItem])).toEqual([
			['Alephee could not apply the discount', 'SKU-1', { item: 0 }],
			['Alephee could not apply the discount', 'SKU-2', { item: 1 }],
		]);
		expect(String(result.main[1].json.message)).toContain('Alephee says: "La cuenta no tiene descuentos habilitados."');
	});
});
