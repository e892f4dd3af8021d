import type { runAlephee } from '../../../../../harness/engine';
import { sandboxRun } from '../sandboxRun';

const ACCOUNT = 8200;

// A key per test: learned call sizes and rate-limit budgets are per key across the process.
const run = sandboxRun({ resource: 'productListing', operation: 'updateStatus' }, 'listing-status-key', [ACCOUNT, ACCOUNT + 1], { typeVersion: 1.2, keyPerTest: true });

/** Items that each carry a listing with its new status (the entry's fields are the user's: Alephee does not publish them). */
const listings = (count: number, status = 3) => Array.from({ length: count }, (_, index) => ({ listing: { Id: index + 1, ExternalId: `MLA${1000 + index + 1}`, Status: status } }));

const updateStatus = (items: object[], parameters: Record<string, unknown> = {}, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	run.run({ listing: '={{ $json.listing }}', ...parameters }, { items, ...extra });

const calls = () => run.sandbox.requestsTo('PUT /v2/productlistings/update-status');
const sentIds = (call: number) => (JSON.parse(calls()[call].body) as Array<{ Id: number }>).map((entry) => entry.Id);

describe('Product Listing → Update Status', () => {
	it('sends the listing exactly as given, with includeKitContainers, and reports Alephee\'s result for it', async () => {
		const result = await updateStatus([{ listing: { Id: 7, ExternalId: 'MLA7', Status: 3, Nota: 'ñ' } }], { includeKitContainers: true });

		expect(result.error).toBeUndefined();
		expect(calls()).toHaveLength(1);
		expect(calls()[0].query).toEqual({ API_KEY: run.apiKey, accountId: String(ACCOUNT), includeKitContainers: 'true' });
		expect(JSON.parse(calls()[0].body)).toEqual([{ Id: 7, ExternalId: 'MLA7', Status: 3, Nota: 'ñ' }]);
		expect(result.main).toEqual([
			{
				json: {
					updated: true,
					accountId: ACCOUNT,
					includeKitContainers: true,
					listing: { Id: 7, ExternalId: 'MLA7', Status: 3, Nota: 'ñ' },
					alepheeStatus: 200,
					alepheeMessage: 'Estado de la publicación actualizado.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('includeKitContainers is always sent (Alephee requires it): false when left off', async () => {
		await updateStatus(listings(1));
		expect(calls()[0].query.includeKitContainers).toBe('false');
	});

	it('1,000 items: sent together in as few calls as Alephee takes (413 learned), each item paired to its own result', async () => {
		run.sandbox.setObjectCap('PUT /v2/productlistings/update-status', 300);
		const items = listings(1000);

		const result = await updateStatus(items);

		expect(result.main).toHaveLength(1000);
		result.main.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ updated: true, listing: { Id: index + 1 }, alepheeStatus: 200 });
		});
		const accepted = calls().filter((call) => call.answeredWith === 200);
		expect(accepted.flatMap((_, index) => sentIds(calls().indexOf(accepted[index])))).toEqual(items.map((item) => item.listing.Id));
		expect(calls().filter((call) => call.answeredWith === 413).length).toBeLessThanOrEqual(2);
		expect(accepted.length).toBeLessThanOrEqual(5);
		expect(run.sandbox.listings.statusUpdates).toHaveLength(1000);
	});

	it('results answered out of order are each given to the listing they quote; a refused one fails alone, in Alephee\'s words', async () => {
		run.sandbox.listings.statusResultFor = (entry) =>
			entry.Id === 2 ? { Status: 412, Message: 'La publicación MLA1002 está pausada por el marketplace.' } : { Status: 200, Message: 'OK' };
		run.sandbox.listings.statusAnswerAs = (answer) => ({ ...answer, Results: [...answer.Results].reverse() });

		const result = await updateStatus(listings(3), {}, { onError: 'continueErrorOutput' });

		expect(calls()).toHaveLength(1);
		expect(result.main.map((item) => [(item.json.listing as { Id: number }).Id, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			[3, { item: 2 }],
		]);
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(result.errorOutput[0].json.error).toBe("Alephee refused to change the listing's status");
		expect(String(result.errorOutput[0].json.message)).toContain('Alephee says: "La publicación MLA1002 está pausada por el marketplace."');
	});

	it('results that do not say which listing they are about: uncertain, never another listing\'s result', async () => {
		run.sandbox.listings.statusResultFor = (entry) => (entry.Id === 2 ? { Status: 500, Message: 'Error interno' } : { Status: 200, Message: 'OK' });
		run.sandbox.listings.statusAnswerAs = (answer) => ({ ...answer, Results: answer.Results.map((result) => ({ ...(result as object), ProductListingStatus: null })) });

		const result = await updateStatus(listings(3), {}, { onError: 'continueRegularOutput' });

		expect(result.main).toHaveLength(3);
		for (const [index, item] of result.main.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toBe("Alephee sent no result that is clearly this item's");
			expect(String(item.json.message)).toMatch(/^The listing may or may not have been updated: check it in Alephee/);
		}
	});

	it('every result the same success: every listing of the call updated, even unquoted', async () => {
		run.sandbox.listings.statusAnswerAs = (answer) => ({ ...answer, Results: answer.Results.map((result) => ({ ...(result as object), ProductListingStatus: {} })) });
		const result = await updateStatus(listings(4));
		expect(result.main.map((item) => item.json.updated)).toEqual([true, true, true, true]);
	});

	it('items of two accounts and two Include Kit Containers choices: one call per account and choice, each item its own result', async () => {
		const items = [
			{ account: ACCOUNT, kits: false, listing: { Id: 1 } },
			{ account: ACCOUNT + 1, kits: false, listing: { Id: 2 } },
			{ account: ACCOUNT, kits: true, listing: { Id: 3 } },
			{ account: ACCOUNT, kits: false, listing: { Id: 4 } },
		];
		const result = await updateStatus(items, { accountId: { __rl: true, mode: 'id', value: '={{ $json.account }}' }, includeKitContainers: '={{ $json.kits }}' });

		expect(calls().map((call) => [call.query.accountId, call.query.includeKitContainers, JSON.parse(call.body).map((entry: { Id: number }) => entry.Id)])).toEqual([
			[String(ACCOUNT), 'false', [1, 4]],
			[String(ACCOUNT + 1), 'false', [2]],
			[String(ACCOUNT), 'true', [3]],
		]);
		expect(result.main.map((item) => [item.json.accountId, (item.json.listing as { Id: number }).Id, item.pairedItem])).toEqual([
			[ACCOUNT, 1, { item: 0 }],
			[ACCOUNT + 1, 2, { item: 1 }],
			[ACCOUNT, 3, { item: 2 }],
			[ACCOUNT, 4, { item: 3 }],
		]);
	});

	it('the same listing twice in a run: separate calls, in item order, so each result is its own', async () => {
		const result = await updateStatus([{ listing: { Id: 5, Status: 3 } }, { listing: { Id: 5, Status: 3 } }]);
		expect(calls().map((call) => JSON.parse(call.body))).toEqual([[{ Id: 5, Status: 3 }], [{ Id: 5, Status: 3 }]]);
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		['a listing that is not JSON', '={{ "MLA123" }}', 'Listing is not valid: it is not valid JSON'],
		['a list instead of one listing', '={{ [{ "Id": 1 }] }}', 'Listing is not valid: it is not a JSON object with fields'],
		['an empty object', '={{ {} }}', 'Listing is not valid: it is not a JSON object with fields'],
	])('%s is refused before sending, naming the field; the other items go', async (_case, listing, message) => {
		const result = await updateStatus([{ listing: { Id: 1 } }, { listing: { Id: 2 } }], { listing: `={{ $itemIndex === 1 ? (${listing.slice(3, -3)}) : $json.listing }}` }, { onError: 'continueErrorOutput' });
		expect(result.errorOutput.map((item) => [item.json.error, item.pairedItem])).toEqual([[message, { item: 1 }]]);
		expect(String(result.errorOutput[0].json.message)).toMatch(/Nothing was sent to Alephee\.$/);
		expect(calls()).toHaveLength(1);
		expect(JSON.parse(calls()[0].body)).toEqual([{ Id: 1 }]);
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});

	it("a refused call (Alephee's 400) fails each of its items, in Alephee's words; with stop on error, the run stops worded", async () => {
		run.sandbox.failNextWith({ endpoint: 'PUT /v2/productlistings/update-status', status: 400, contentType: 'application/json', body: JSON.stringify({ Status: 400, Message: 'El cuerpo no es válido.' }) });
		const continued = await updateStatus(listings(2), {}, { onError: 'continueRegularOutput' });
		expect(continued.main.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Alephee refused the listing as sent', { item: 0 }],
			['Alephee refused the listing as sent', { item: 1 }],
		]);
		expect(String(continued.main[0].json.message)).toContain('Alephee says: "El cuerpo no es válido."');

		run.sandbox.failNextWith({ endpoint: 'PUT /v2/productlistings/update-status', status: 400, contentType: 'application/json', body: JSON.stringify({ Status: 400, Message: 'El cuerpo no es válido.' }) });
		const stopped = await updateStatus(listings(2));
		expect(stopped.error?.message).toBe('Alephee refused the listing as sent');
		expect(JSON.stringify(stopped.run)).not.toContain(run.apiKey);
	});
});
