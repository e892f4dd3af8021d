import { runAlephee, type AlepheeCredentialData } from '../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../../sandbox/alepheeSandbox';

/** A key with characters that URLs encode: `&`, a space, `+`, `/`, `=`. */
const API_KEY = 'k&y 9+d/e=f';
const ACCOUNT = 6200;

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(API_KEY, [ACCOUNT]);
	for (const orderId of [1, 2]) sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [{ sku: 'A', quantity: 1 }] });
	credentials = { apiKey: API_KEY, baseUrl: sandbox.baseUrl };
});

afterEach(async () => {
	await sandbox.stop();
});

const deleteOrder = (extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({ credentials, parameters: { accountId: String(ACCOUNT), orderId: '1' }, onError: 'continueRegularOutput', ...extra });

/**
 * The spellings API_KEY takes in text that quotes a request, written out by hand (not taken from
 * the code under test): as it is, percent-encoded in upper and in lower case, form-encoded (`+`
 * for the space), encoded as a whole URL, and encoded twice.
 */
const KEY_SPELLINGS = [
	'k&y 9+d/e=f',
	'k%26y%209%2Bd%2Fe%3Df',
	'k%26y%209%2bd%2fe%3df',
	'k%26y+9%2Bd%2Fe%3Df',
	'k&y%209+d/e=f',
	'k%2526y%25209%252Bd%252Fe%253Df',
];

/** No spelling of the key anywhere in what n8n keeps of the run. */
function expectNoKeyIn(value: unknown) {
	const text = JSON.stringify(value);
	for (const spelling of KEY_SPELLINGS) expect(text).not.toContain(spelling);
}

describe('Redirects are never followed, nor read as success', () => {
	it.each([302, 303, 307])('a %i to a login page fails the item: where it pointed (no key), the likely cause, outcome unknown', async (status) => {
		sandbox.failNextWith({ status, headers: { location: `${sandbox.baseUrl}/login?next=/v2/orders%3FAPI_KEY%3D${encodeURIComponent(API_KEY)}` } });
		const result = await deleteOrder();
		const [item] = result.main;
		expect(item.json.deleted).toBeUndefined();
		expect(item.json.error).toBe(`The request was redirected (${status}) instead of answered while deleting order 1`);
		expect(item.json.message).toContain(`pointed to ${sandbox.baseUrl}/login,`);
		expect(item.json.message).toContain('Base URL');
		expect(item.json.message).toContain('The order may or may not have been deleted');
		// The redirect was not followed: the sandbox saw one request.
		expect(sandbox.requests).toHaveLength(1);
		expectNoKeyIn(result.run);
	});

	it('a redirect on a read says nothing changed', async () => {
		sandbox.failNextWith({ endpoint: 'GET /v2/orders', status: 301, headers: { location: 'https://elsewhere.invalid/v2/orders' } });
		const result = await runAlephee({
			credentials,
			typeVersion: 1.1,
			parameters: { operation: 'get', accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, orderId: '1' },
			onError: 'continueRegularOutput',
		});
		expect(result.main[0].json.message).toContain('pointed to https://elsewhere.invalid/v2/orders');
		expect(result.main[0].json.message).toContain('Nothing was changed in Alephee');
	});
});

describe('The key is hidden in every spelling', () => {
	it('when Alephee quotes the request URI, encoded, in an error', async () => {
		const quoted = [
			`/v2/orders?API_KEY=${encodeURIComponent(API_KEY)}&accountId=${ACCOUNT}`,
			`API_KEY=${encodeURIComponent(API_KEY).replace(/%20/g, '+')}`,
			`API_KEY=${encodeURIComponent(API_KEY).toLowerCase()}`,
			`raw ${API_KEY}`,
		].join(' | ');
		sandbox.failNextWith({ status: 400, contentType: 'application/json', body: JSON.stringify({ Status: 400, Message: `Solicitud inválida: ${quoted}` }) });
		const result = await deleteOrder();
		expect(result.main[0].json.message).toContain('Solicitud inválida: /v2/orders?API_KEY=[hidden]');
		expectNoKeyIn(result.run);
	});

	it('when a successful answer quotes it, in the output item', async () => {
		sandbox.failNextWith({
			endpoint: 'PUT /v2/orders',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({
				Total: 1,
				Results: [{ OrderStatus: { OrderId: 1 }, Status: 200, Message: `OK para ${encodeURIComponent(API_KEY)}` }],
			}),
		});
		const result = await runAlephee({
			credentials,
			typeVersion: 1.1,
			parameters: { operation: 'updateStatus', accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, orderId: '1', status: 20 },
		});
		expect(result.main[0].json).toMatchObject({ updated: true, alepheeMessage: 'OK para [hidden]' });
		expectNoKeyIn(result.run);
	});
});

describe("The credential's Base URL", () => {
	it('with a trailing space works as typed without it', async () => {
		credentials = { ...credentials, baseUrl: `  ${sandbox.baseUrl}/ ` };
		const result = await deleteOrder();
		expect(result.main[0].json).toMatchObject({ deleted: true, orderId: 1 });
		expect(sandbox.order(ACCOUNT, 1)?.status).toBe(ORDER_STATUS_DELETED);
		expect(sandbox.requests[0].path).toBe('/v2/orders');
	});

	it('without http(s) is refused before sending, naming the credential field', async () => {
		credentials = { ...credentials, baseUrl: sandbox.baseUrl.replace(/^http:\/\//, '') };
		const result = await deleteOrder();
		expect(result.main[0].json.error).toBe('The Base URL in the Alephee credential is not a web address');
		expect(result.main[0].json.message).toContain('Nothing was sent to Alephee');
		expect(result.main[0].json.message).not.toContain('may or may not');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Pacing from what the headers say', () => {
	it('a limit of 0.001 a minute fails the waiting item at once with the reason, instead of going silent', async () => {
		sandbox.failNextWith({ status: 204, headers: { 'x-ratelimit-limit': '0.001', 'x-ratelimit-remaining': '0' } });
		const result = await runAlephee({
			credentials,
			parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 2 }],
			onError: 'continueRegularOutput',
		});
		expect(result.main[0].json).toMatchObject({ deleted: true, orderId: 1 });
		expect(result.main[1].json.error).toMatch(/^Alephee's rate limit for this API key would make the next request wait/);
		expect(result.main[1].json.message).toContain('0.001 requests per minute');
		expect(result.main[1].json.message).toContain('Order 2 was not deleted: it was not sent');
		expect(sandbox.deleteRequests()).toHaveLength(1);
	});
});

describe('A limit Alephee lowers', () => {
	it('between runs: the next run follows the new limit and burst, with no 429', async () => {
		for (let orderId = 10; orderId < 30; orderId++) sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [] });
		const run = async (ids: number[]) =>
			await runAlephee({ credentials, parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}' }, items: ids.map((id) => ({ id })) });
		sandbox.setRateLimit({ perMinute: 6000, burst: 10 });
		expect((await run([10, 11, 12, 13, 14, 15])).error).toBeUndefined();
		await new Promise((resolve) => setTimeout(resolve, 100));
		// The contract changes: 120 a minute, a burst of 2.
		sandbox.setRateLimit({ perMinute: 120, burst: 2 });
		const second = await run([20, 21, 22, 23]);
		expect(second.error).toBeUndefined();
		expect(second.main).toHaveLength(4);
		// The burst of 10 learned before would have sent all four at once (two refused); the first
		// request of a run after a pause goes alone, and its answer tells the new limit.
		expect(sandbox.rejectedByRateLimit).toBe(0);
	});
});

describe('The same order twice in one run', () => {
	it('Update Status 20 then 80, the first answered 429: Alephee ends at 80, in item order', async () => {
		sandbox.failNextWith({ endpoint: 'PUT /v2/orders', status: 429, retryAfterSeconds: 1, contentType: 'application/json', body: '{"Status":429,"Message":"Too many"}' });
		const result = await runAlephee({
			credentials,
			typeVersion: 1.1,
			parameters: { operation: 'updateStatus', accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, orderId: '2', status: '={{ $json.status }}' },
			items: [{ status: 20 }, { status: 80 }],
		});
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.status)).toEqual([20, 80]);
		expect(sandbox.order(ACCOUNT, 2)?.status).toBe(80);
		const sent = sandbox.requestsTo('PUT /v2/orders').map((request) => [JSON.parse(request.body)[0].Status, request.answeredWith]);
		expect(sent).toEqual([
			[20, 429],
			[20, 200],
			[80, 200],
		]);
	});
});
