import { capturedLogs } from '../../../../captureLogs';
import { runAlephee, type AlepheeCredentialData } from '../../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../../../sandbox/alepheeSandbox';

const API_KEY = 'delete-test-key-5f9c2e';
const ACCOUNT = 4321;
const OTHER_ACCOUNT = 9999;

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(API_KEY, [ACCOUNT]);
	sandbox.setStock(ACCOUNT, 'XYZ', 10);
	sandbox.addOrder({ accountId: ACCOUNT, orderId: 101, createdThrough: 'api', lines: [{ sku: 'XYZ', quantity: 5 }] });
	sandbox.addOrder({ accountId: ACCOUNT, orderId: 102, createdThrough: 'api', lines: [{ sku: 'XYZ', quantity: 2 }] });
	sandbox.addOrder({ accountId: ACCOUNT, orderId: 103, createdThrough: 'api', lines: [{ sku: 'XYZ', quantity: 1 }] });
	sandbox.addOrder({ accountId: ACCOUNT, orderId: 200, createdThrough: 'marketplace', lines: [{ sku: 'XYZ', quantity: 1 }] });
	credentials = { apiKey: API_KEY, baseUrl: sandbox.baseUrl };
});

afterEach(async () => {
	await sandbox.stop();
});

const deleteOrder = (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({ credentials, parameters, ...extra });

describe('Order → Delete: the request', () => {
	it('sends one DELETE per item with exactly API_KEY, accountId, orderId and revertStock', async () => {
		const result = await deleteOrder(
			{ accountId: String(ACCOUNT), orderId: '={{ $json.id }}', revertStock: false },
			{ items: [{ id: 101 }, { id: 102 }] },
		);

		expect(result.error).toBeUndefined();
		const requests = sandbox.deleteRequests();
		expect(requests).toHaveLength(2);
		for (const request of requests) {
			expect(request.path).toBe('/v2/orders');
			expect(Object.keys(request.query).sort()).toEqual(['API_KEY', 'accountId', 'orderId', 'revertStock']);
			expect(request.query.API_KEY).toBe(API_KEY);
			expect(request.query.accountId).toBe(String(ACCOUNT));
			expect(request.query.revertStock).toBe('false');
			expect(request.body).toBe('');
		}
		expect(requests.map((request) => request.query.orderId).sort()).toEqual(['101', '102']);
		expect(sandbox.requests).toHaveLength(2);
	});

	it('returns { deleted: true, … } paired to each input, and the order is deleted', async () => {
		const result = await deleteOrder(
			{ accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
			{ items: [{ id: 102 }, { id: 101 }] },
		);

		expect(result.main).toEqual([
			{ json: { deleted: true, orderId: 102, accountId: ACCOUNT, revertStock: false }, pairedItem: { item: 0 } },
			{ json: { deleted: true, orderId: 101, accountId: ACCOUNT, revertStock: false }, pairedItem: { item: 1 } },
		]);
		expect(sandbox.order(ACCOUNT, 101)?.status).toBe(ORDER_STATUS_DELETED);
		expect(sandbox.order(ACCOUNT, 103)?.status).not.toBe(ORDER_STATUS_DELETED);
	});

	it('gives the units back to stock only when Revert Stock is on', async () => {
		await deleteOrder({ accountId: String(ACCOUNT), orderId: '101', revertStock: true });
		expect(sandbox.stockOf(ACCOUNT, 'XYZ')).toBe(15);

		const result = await deleteOrder({ accountId: String(ACCOUNT), orderId: '102', revertStock: false });
		expect(result.main[0].json).toMatchObject({ deleted: true, revertStock: false });
		expect(sandbox.stockOf(ACCOUNT, 'XYZ')).toBe(15);
		expect(sandbox.deleteRequests().map((request) => request.query.revertStock)).toEqual(['true', 'false']);
	});

	it('accepts IDs given as numbers or padded text', async () => {
		const result = await deleteOrder(
			{ accountId: '={{ $json.account }}', orderId: '={{ $json.order }}' },
			{ items: [{ account: ACCOUNT, order: 101 }, { account: ` ${ACCOUNT} `, order: '102 ' }] },
		);

		expect(result.main.map((item) => item.json.orderId)).toEqual([101, 102]);
		expect(sandbox.deleteRequests().map((request) => request.query.orderId).sort()).toEqual(['101', '102']);
	});
});

describe('Order → Delete: the account, in either node version', () => {
	it.each([
		['picked from the list', { __rl: true, mode: 'list', value: String(ACCOUNT), cachedResultName: 'Account 4321' }],
		['given by ID', { __rl: true, mode: 'id', value: ` ${ACCOUNT} ` }],
		['by ID from an expression', { __rl: true, mode: 'id', value: '={{ $json.account }}' }],
	])('version 1.1, account %s: sends that accountId', async (_how, accountId) => {
		const result = await deleteOrder({ accountId, orderId: '101' }, { typeVersion: 1.1, items: [{ account: ACCOUNT }] });

		expect(result.main.map((item) => item.json)).toEqual([{ deleted: true, orderId: 101, accountId: ACCOUNT, revertStock: false }]);
		expect(sandbox.deleteRequests().map((request) => request.query.accountId)).toEqual([String(ACCOUNT)]);
	});

	it('version 1 (saved by 0.1.0) keeps its plain Account ID and sends the same request', async () => {
		const result = await deleteOrder({ accountId: String(ACCOUNT), orderId: '101' }, { typeVersion: 1 });

		expect(result.main.map((item) => item.json)).toEqual([{ deleted: true, orderId: 101, accountId: ACCOUNT, revertStock: false }]);
		expect(Object.keys(sandbox.deleteRequests()[0].query).sort()).toEqual(['API_KEY', 'accountId', 'orderId', 'revertStock']);
	});

	it('version 1.1 with an account expression that gives nothing refuses before sending, naming the field', async () => {
		const result = await deleteOrder(
			{ accountId: { __rl: true, mode: 'id', value: '={{ $json.account }}' }, orderId: '101' },
			{ typeVersion: 1.1, items: [{ account: '' }] },
		);

		expect(result.error?.message).toBe('Account is not valid: it is empty');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Order → Delete: Revert Stock from an expression', () => {
	it.each([
		[true, true],
		[false, false],
		['true', true],
		[' TRUE ', true],
		['True', true],
		['false', false],
		['False', false],
		['FALSE ', false],
	])('%j is sent as the canonical %s, and the output says exactly what was sent', async (value, sent) => {
		const result = await deleteOrder({ accountId: String(ACCOUNT), orderId: '101', revertStock: '={{ $json.revert }}' }, { items: [{ revert: value }] });

		expect(result.error).toBeUndefined();
		const [request] = sandbox.deleteRequests();
		expect(request.query.revertStock).toBe(String(sent));
		expect(result.main[0].json).toEqual({ deleted: true, orderId: 101, accountId: ACCOUNT, revertStock: sent });
		expect(sandbox.stockOf(ACCOUNT, 'XYZ')).toBe(sent ? 15 : 10);
	});

	it.each([['0'], ['1'], ['yes'], ['no'], [''], [0], [null]])(
		'refuses %j before sending, naming Revert Stock and the value',
		async (value) => {
			const result = await deleteOrder(
				{ accountId: String(ACCOUNT), orderId: '101', revertStock: '={{ $json.revert }}' },
				{ items: [{ revert: value }], onError: 'continueRegularOutput' },
			);

			expect(result.main).toHaveLength(1);
			expect(result.main[0].json.error).toMatch(/^Revert Stock is not valid: /);
			if (value !== '' && value !== null) expect(result.main[0].json.error).toContain(`"${value}" is neither true nor false`);
			expect(result.main[0].json.message).toMatch(/Revert Stock must be true or false.*Nothing was sent to Alephee/);
			expect(sandbox.requests).toHaveLength(0);
			expect(sandbox.order(ACCOUNT, 101)?.status).not.toBe(ORDER_STATUS_DELETED);
		},
	);
});

describe('Order → Delete: input checked before anything is sent', () => {
	it.each([
		['text', 'abc', /Order ID is not valid: "abc" is not a whole number/],
		['a negative number', -5, /Order ID is not valid: it must be 1 or more/],
		['a decimal', 1.5, /Order ID is not valid: "1.5" is not a whole number/],
		['empty', '', /Order ID is not valid: it is empty/],
		['null', null, /Order ID is not valid: it is empty/],
		['zero', 0, /Order ID is not valid: it must be 1 or more/],
	])('refuses an Order ID that is %s, naming the field and the fix', async (_case, value, expected) => {
		const result = await deleteOrder({ accountId: String(ACCOUNT), orderId: '={{ $json.value }}' }, { items: [{ value }] });

		expect(result.error?.message).toMatch(expected);
		expect(result.error?.description).toMatch(/Order ID must be a positive whole number/);
		expect(result.error?.description).toMatch(/Nothing was sent to Alephee/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a bad Account ID for that item only and sends the others', async () => {
		const result = await deleteOrder(
			{ accountId: '={{ $json.account }}', orderId: '={{ $json.order }}' },
			{ items: [{ account: ACCOUNT, order: 101 }, { account: 'ACME', order: 102 }], onError: 'continueRegularOutput' },
		);

		expect(result.main).toHaveLength(2);
		expect(result.main[0].json).toMatchObject({ deleted: true, orderId: 101 });
		expect(result.main[1]).toMatchObject({
			json: { error: 'Account is not valid: "ACME" is not a whole number' },
			pairedItem: { item: 1 },
		});
		expect(sandbox.deleteRequests().map((request) => request.query.orderId)).toEqual(['101']);
	});
});

describe('Order → Delete: every documented answer explained', () => {
	const failWith = async (orderId: string, accountId = String(ACCOUNT)) => {
		const result = await deleteOrder({ accountId, orderId });
		expect(result.main).toHaveLength(0);
		expect(result.error).toBeDefined();
		return result.error as unknown as { message: string; description: string; httpCode: string };
	};

	it('401: an unknown key → check the key and the account', async () => {
		credentials = { ...credentials, apiKey: 'not-a-key' };
		const error = await failWith('101');
		expect(error.message).toBe('Alephee did not accept the API key for this account');
		expect(error.description).toMatch(/Check the API key in the Alephee credential, and that account 4321 belongs to that key/);
		expect(error.description).toContain('Alephee says: "API_KEY inválida o inexistente."');
		expect(error.httpCode).toBe('401');
	});

	it('403: an account not tied to the key → check the account belongs to the key', async () => {
		const error = await failWith('101', String(OTHER_ACCOUNT));
		expect(error.message).toBe('The API key is not allowed to delete orders of account 9999');
		expect(error.description).toContain('Alephee says: "La cuenta 9999 no está asociada a esta API_KEY."');
	});

	it('404: order not found for that account, with the internal-ID hint', async () => {
		const error = await failWith('555');
		expect(error.message).toBe('Order 555 was not found in account 4321');
		expect(error.description).toMatch(/internal order ID \(not the marketplace's order number\)/);
		expect(error.description).toContain('No se encontró la orden 555 para la cuenta 4321.');
	});

	it('412: a native-marketplace order cannot be deleted, in Alephee\'s words', async () => {
		const error = await failWith('200');
		expect(error.message).toBe('Alephee refused to delete order 200');
		expect(error.description).toMatch(/Only orders created through the Alephee API can be deleted/);
		expect(error.description).toContain(
			'Alephee says: "La orden pertenece a un canal conectado de forma nativa y no puede ser eliminada."',
		);
		expect(sandbox.order(ACCOUNT, 200)?.status).not.toBe(ORDER_STATUS_DELETED);
	});

	it('304 with an empty body: nothing deleted, never reported as deleted', async () => {
		await deleteOrder({ accountId: String(ACCOUNT), orderId: '101' });
		const result = await deleteOrder({ accountId: String(ACCOUNT), orderId: '101' }, { onError: 'continueRegularOutput' });

		expect(result.main).toHaveLength(1);
		expect(result.main[0].json.deleted).toBeUndefined();
		expect(result.main[0].json).toEqual({
			error: 'Order 101 was not deleted: Alephee reported nothing to change',
			message: expect.stringMatching(/nothing was deleted\..*Alephee sent no explanation\.$/),
			accountId: ACCOUNT,
			orderId: 101,
		});
	});

	it('400: an invalid request, with Alephee\'s message', async () => {
		sandbox.failNextWith({
			status: 400,
			contentType: 'application/json',
			body: JSON.stringify({ Status: 400, Message: 'Parámetro revertStock inválido.' }),
		});
		const error = await failWith('101');
		expect(error.message).toBe('Alephee rejected the request to delete order 101 as invalid');
		expect(error.description).toContain('Alephee says: "Parámetro revertStock inválido."');
	});

	it('500 with a plain-text body: a server failure, quoting that text', async () => {
		sandbox.failNextWith({ status: 500, body: 'Object reference not set to an instance of an object.' });
		const error = await failWith('101');
		expect(error.message).toBe('Alephee had an internal error while deleting order 101');
		expect(error.description).toMatch(/may or may not have been deleted/);
		expect(error.description).toContain('Alephee says: "Object reference not set to an instance of an object."');
		expect(error.httpCode).toBe('500');
	});

	it('502 with a gateway\'s HTML page: says a gateway answered, quotes no markup, no retry', async () => {
		sandbox.failNextWith({
			status: 502,
			contentType: 'text/html',
			body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>',
		});
		const error = await failWith('101');
		expect(error.message).toBe('A gateway between n8n and Alephee answered 502 Bad Gateway while deleting order 101');
		expect(error.description).toContain('(its page is titled "502 Bad Gateway")');
		expect(error.description).toContain('The order may or may not have been deleted: check it in Alephee');
		expect(error.description).not.toMatch(/<|nginx|DOCTYPE/);
		expect(error.httpCode).toBe('502');
		expect(sandbox.deleteRequests()).toHaveLength(1);
	});

	it('a request that gets no answer in time → a timeout error, no retry', async () => {
		sandbox.failNextWith({ hang: true });
		const result = await deleteOrder({
			accountId: String(ACCOUNT),
			orderId: '101',
			requestOptions: { timeout: 300 },
		});
		expect(result.error?.message).toBe('Alephee did not answer in time while deleting order 101');
		expect(result.error?.description).toMatch(/may or may not have been deleted: check it in Alephee/);
		expect(sandbox.deleteRequests()).toHaveLength(1);
	});

	it('a dropped connection → a clear error, no retry', async () => {
		sandbox.failNextWith({ drop: true });
		const error = await failWith('101');
		expect(error.message).toBe('The connection to Alephee dropped while deleting order 101');
		expect(sandbox.deleteRequests()).toHaveLength(1);
	});

	it('an unreachable Base URL → says nothing was sent and where to look', async () => {
		await sandbox.stop();
		const result = await deleteOrder({ accountId: String(ACCOUNT), orderId: '101' });
		expect(result.error?.message).toBe('Could not reach Alephee');
		expect(result.error?.description).toMatch(/Check the Base URL in the Alephee credential/);
		sandbox = await AlepheeSandbox.start();
	});
});

describe('Order → Delete: N items in, N outcomes out, each paired', () => {
	const mixedItems = [{ id: 101 }, { id: 200 }, { id: 'x' }, { id: 555 }, { id: 102 }];

	it('Continue On Fail (regular output): one item per input, failures carry reason and Alephee\'s message', async () => {
		const result = await deleteOrder(
			{ accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
			{ items: mixedItems, onError: 'continueRegularOutput' },
		);

		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.pairedItem)).toEqual(mixedItems.map((_, item) => ({ item })));
		expect(result.main.map((item) => item.json.deleted ?? false)).toEqual([true, false, false, false, true]);
		// Beside the reason, the order it was for, so a table shows which one failed.
		expect(result.main[1].json).toEqual({
			error: 'Alephee refused to delete order 200',
			message:
				'Only orders created through the Alephee API can be deleted; orders that came from a natively connected marketplace or channel (such as Mercado Libre) cannot. Alephee says: "La orden pertenece a un canal conectado de forma nativa y no puede ser eliminada."',
			accountId: ACCOUNT,
			orderId: 200,
		});
		// An invalid value is kept as it was typed.
		expect(result.main[2].json).toEqual({
			error: 'Order ID is not valid: "x" is not a whole number',
			message: expect.stringMatching(/^Order ID must be a positive whole number/),
			accountId: ACCOUNT,
			orderId: 'x',
		});
	});

	it('error output: successes on main, failures on the error output, all with their pairedItem', async () => {
		const result = await deleteOrder(
			{ accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
			{ items: mixedItems, onError: 'continueErrorOutput' },
		);

		expect(result.main.map((item) => [item.json.orderId, item.pairedItem])).toEqual([
			[101, { item: 0 }],
			[102, { item: 4 }],
		]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
		// The error output keeps the input item's fields beside the reason.
		expect(result.errorOutput[0].json).toMatchObject({ id: 200, error: 'Alephee refused to delete order 200' });
		// There n8n's own shape: exactly error and message beside the input item's fields.
		expect(result.errorOutput[2].json).toEqual({
			id: 555,
			error: 'Order 555 was not found in account 4321',
			message: expect.stringContaining('Alephee says: "No se encontró la orden 555 para la cuenta 4321."'),
		});
	});
});

describe('Order → Delete: the API key stays secret', () => {
	it('appears nowhere in the saved execution data or n8n\'s log, whatever went wrong', async () => {
		capturedLogs.length = 0;
		sandbox.failNextWith(
			{ status: 500, body: `Error processing /v2/orders?API_KEY=${API_KEY}&orderId=101` },
			{ drop: true },
		);
		const items = [{ id: 101 }, { id: 102 }, { id: 200 }, { id: 555 }, { id: 'bad' }, { id: 103 }];
		for (const onError of ['continueRegularOutput', 'continueErrorOutput', 'stopWorkflow'] as const) {
			const result = await deleteOrder(
				{ accountId: String(ACCOUNT), orderId: '={{ $json.id }}', revertStock: true },
				{ items, onError },
			);
			const saved = JSON.stringify(result.run);
			expect(saved).not.toContain(API_KEY);
		}
		expect(capturedLogs.length).toBeGreaterThan(0);
		expect(capturedLogs.join('\n')).not.toContain(API_KEY);
		expect(sandbox.deleteRequests().every((request) => request.query.API_KEY === API_KEY)).toBe(true);
	});

	it('is hidden even when Alephee quotes it back', async () => {
		sandbox.failNextWith({ status: 500, body: `Key ${API_KEY} failed` });
		const result = await deleteOrder({ accountId: String(ACCOUNT), orderId: '101' });
		expect(result.error?.description).toContain('Alephee says: "Key [hidden] failed"');
	});

	it('a timed-out request leaves no trace of the key', async () => {
		sandbox.failNextWith({ hang: true });
		const result = await deleteOrder({ accountId: String(ACCOUNT), orderId: '101', requestOptions: { timeout: 200 } });
		expect(result.error).toBeDefined();
		expect(JSON.stringify(result.run)).not.toContain(API_KEY);
	});
});
