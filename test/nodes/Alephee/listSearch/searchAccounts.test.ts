import { runListSearch } from '../../../../harness/engine';
import { AlepheeSandbox } from '../../../../sandbox/alepheeSandbox';

let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey('picker-key', [4100, 4200]);
});

afterEach(async () => {
	await sandbox.stop();
});

const search = (filter?: string, apiKey = 'picker-key') =>
	runListSearch('searchAccounts', { credentials: { apiKey, baseUrl: sandbox.baseUrl } }, filter);

describe('the account picker (searchAccounts)', () => {
	it('lists the accounts tied to the key as "Name — Business name (Id)", with the ID as value', async () => {
		const { results } = await search();
		expect(results).toEqual([
			{ name: 'Account 4100 — Seller 4100 SA (4100)', value: '4100' },
			{ name: 'Account 4200 — Seller 4200 SA (4200)', value: '4200' },
		]);
		const [request] = sandbox.requests;
		expect([request.method, request.path, Object.keys(request.query)]).toEqual(['GET', '/v2/accounts', ['API_KEY']]);
	});

	it('is searchable by any part of the label, ignoring case', async () => {
		expect((await search('seller 42')).results.map((result) => result.value)).toEqual(['4200']);
		expect((await search('4100')).results.map((result) => result.value)).toEqual(['4100']);
		expect((await search('nobody')).results).toEqual([]);
	});

	it('a refused key is explained in the words of every other request, without the key', async () => {
		const failure = search(undefined, 'wrong-key-123');
		await expect(failure).rejects.toMatchObject({
			message: 'Alephee did not accept the API key for this account',
			description: expect.stringContaining('Alephee says: "API_KEY inválida o inexistente."'),
		});
		await failure.catch((error: Error) => expect(JSON.stringify(error)).not.toContain('wrong-key-123'));
	});

	it('goes through the rate-limit budget: a 429 is waited out and retried', async () => {
		sandbox.setRateLimit({ perMinute: 60, burst: 1 });
		const [first, second] = [await search(undefined, 'picker-key'), await search(undefined, 'picker-key')];
		expect(first.results).toHaveLength(2);
		expect(second.results).toHaveLength(2);
		// The second asked after the key's budget allowed, not into a 429.
		expect(sandbox.rejectedByRateLimit).toBe(0);
		expect(sandbox.requests[1].receivedAt - sandbox.requests[0].receivedAt).toBeGreaterThanOrEqual(990);
	});
});
