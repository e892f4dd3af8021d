import { runAlephee } from '../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../../sandbox/alepheeSandbox';

const ACCOUNT = 77;
const RATE_LIMITED = { status: 429, contentType: 'application/json', body: '{"Status":429,"Message":"Límite excedido."}' };

let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
});

afterEach(async () => {
	await sandbox.stop();
});

/** Each test gets its own key: budgets are shared per key across the whole process. */
function seed(apiKey: string, orderIds: number[]) {
	sandbox.addKey(apiKey, [ACCOUNT]);
	for (const orderId of orderIds) {
		sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [{ sku: 'A', quantity: 1 }] });
	}
	return orderIds.map((id) => ({ id }));
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

const deleteAll = (apiKey: string, items: object[], options: Record<string, unknown> = {}) =>
	runAlephee({
		credentials: { apiKey, baseUrl: sandbox.baseUrl },
		parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}', options },
		items,
		onError: 'continueRegularOutput',
	});

describe('pacing to Alephee\'s rate limit', () => {
	it('a 429 is retried after the wait Alephee announces, and then succeeds', async () => {
		const items = seed('key-429-then-ok', [1]);
		sandbox.failNextWith({ ...RATE_LIMITED, retryAfterSeconds: 1 });

		const started = Date.now();
		const result = await deleteAll('key-429-then-ok', items);

		expect(result.main).toEqual([
			{ json: { deleted: true, orderId: 1, accountId: ACCOUNT, revertStock: false }, pairedItem: { item: 0 } },
		]);
		const [refused, retried] = sandbox.deleteRequests();
		expect(refused.answeredWith).toBe(429);
		expect(retried.answeredWith).toBe(204);
		expect(retried.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(1000);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('when the retries run out, the item fails with a clear rate-limit error and Alephee\'s message', async () => {
		const items = seed('key-429-forever', [2]);
		sandbox.failNextWith(
			{ ...RATE_LIMITED, retryAfterSeconds: 0 },
			{ ...RATE_LIMITED, retryAfterSeconds: 0 },
			{ ...RATE_LIMITED, retryAfterSeconds: 0 },
		);

		const result = await deleteAll('key-429-forever', items, { rateLimitRetries: 2 });

		expect(sandbox.deleteRequests()).toHaveLength(3);
		expect(result.main).toHaveLength(1);
		expect(result.main[0]).toMatchObject({
			json: {
				error: "Alephee's rate limit was reached and the node stopped retrying",
				message: expect.stringContaining('Alephee says: "Límite excedido."'),
			},
			pairedItem: { item: 0 },
		});
		expect(sandbox.order(ACCOUNT, 2)?.status).not.toBe(ORDER_STATUS_DELETED);
	});

	it('never retries a failure that may have deleted the order (500)', async () => {
		const items = seed('key-500', [3]);
		sandbox.failNextWith({ status: 500, body: 'boom' });
		const result = await deleteAll('key-500', items);
		expect(sandbox.deleteRequests()).toHaveLength(1);
		expect(result.main[0].json.error).toBe('Alephee had an internal error while deleting order 3');
	});

	it('deletes every order of a bulk run inside the limit, nothing lost, each paired', async () => {
		sandbox.setRateLimit({ perMinute: 1200, burst: 10 });
		const ids = range(1000, 80);
		const items = seed('key-bulk', ids);

		const result = await deleteAll('key-bulk', items);

		expect(result.main.map((item) => item.json.deleted)).toEqual(ids.map(() => true));
		expect(result.main.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(sandbox.rejectedByRateLimit).toBeLessThanOrEqual(1);
		for (const id of ids) expect(sandbox.order(ACCOUNT, id)?.status).toBe(ORDER_STATUS_DELETED);
	});

	it('two executions at once with one key share its budget and stay inside the limit', async () => {
		sandbox.setRateLimit({ perMinute: 1200, burst: 5 });
		const first = seed('key-shared', range(2000, 30));
		const second = seed('key-shared', range(3000, 30));

		const [a, b] = await Promise.all([deleteAll('key-shared', first), deleteAll('key-shared', second)]);

		expect([...a.main, ...b.main].every((item) => item.json.deleted === true)).toBe(true);
		expect(a.main).toHaveLength(30);
		expect(b.main).toHaveLength(30);
		expect(sandbox.rejectedByRateLimit).toBeLessThanOrEqual(1);
	});
});

describe('a rate-limit wait longer than anyone would accept', () => {
	const LONG_WAIT = { ...RATE_LIMITED, retryAfterSeconds: 3600 };

	it('fails the item at once, saying how long Alephee asked to wait, and fails the items queued behind it too', async () => {
		sandbox.setRateLimit({ perMinute: 60, burst: 2 });
		const items = seed('key-blocked', range(5000, 6));
		sandbox.failNextWith(LONG_WAIT);

		const started = Date.now();
		const result = await deleteAll('key-blocked', items);

		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.main).toHaveLength(6);
		expect(result.main.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		for (const [index, item] of result.main.entries()) {
			expect(item.json).toEqual({
				error: 'Alephee asked to wait 1 hour before the next request, longer than this node waits',
				message: expect.stringMatching(new RegExp(`^Order ${5000 + index} was not deleted\\..*at most 2 minutes`)),
				accountId: ACCOUNT,
				orderId: 5000 + index,
			});
		}
		// Only the request that got the 429 went out; nothing was deleted.
		expect(sandbox.deleteRequests()).toHaveLength(1);
		for (const id of range(5000, 6)) expect(sandbox.order(ACCOUNT, id)?.status).not.toBe(ORDER_STATUS_DELETED);
	});

	it('another execution on the same key fails the same way instead of hanging, sending nothing', async () => {
		const first = seed('key-blocked-shared', range(6000, 3));
		const second = seed('key-blocked-shared', range(6100, 3));
		sandbox.failNextWith(LONG_WAIT);

		const started = Date.now();
		const [a, b] = await Promise.all([deleteAll('key-blocked-shared', first), deleteAll('key-blocked-shared', second)]);
		const later = await deleteAll('key-blocked-shared', seed('key-blocked-shared', [6200]));

		expect(Date.now() - started).toBeLessThan(5000);
		for (const item of [...a.main, ...b.main, ...later.main]) {
			expect(item.json.error).toBe('Alephee asked to wait 1 hour before the next request, longer than this node waits');
		}
		expect([a.main.length, b.main.length, later.main.length]).toEqual([3, 3, 1]);
		expect(sandbox.deleteRequests()).toHaveLength(1);
	});

	it('the bound is an option: a wait within it is waited, one past it fails without waiting', async () => {
		const within = seed('key-bound-within', [7000]);
		sandbox.failNextWith({ ...RATE_LIMITED, retryAfterSeconds: 1 });
		const waited = await deleteAll('key-bound-within', within, { maxRateLimitWait: 2 });
		expect(waited.main[0].json).toMatchObject({ deleted: true, orderId: 7000 });

		const past = seed('key-bound-past', [7001]);
		sandbox.failNextWith({ ...RATE_LIMITED, retryAfterSeconds: 3 });
		const started = Date.now();
		const refused = await deleteAll('key-bound-past', past, { maxRateLimitWait: 2 });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(refused.main[0].json).toMatchObject({
			error: 'Alephee asked to wait 3 seconds before the next request, longer than this node waits',
			message: expect.stringContaining('the node waits at most 2 seconds'),
		});
	});
});

describe('cost per item', () => {
	it('reads the credential once per item, not again for the request (each read is a database read in n8n)', async () => {
		const items = seed('key-reads', range(4000, 5));

		const result = await deleteAll('key-reads', items);

		expect(result.main.map((item) => item.json.deleted)).toEqual(items.map(() => true));
		// The engine reads it once for the whole run; the node once per item, to know the key's budget.
		expect(result.credentialReads).toBeLessThanOrEqual(items.length + 1);
	});
});
