import { loadPackage, runAlephee } from '../../../harness';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../sandbox/alepheeSandbox';

const ACCOUNT = 88;

let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
});

afterEach(async () => {
	await sandbox.stop();
});

/** Resolves once the sandbox has received `count` requests, and says when. */
async function afterRequests(count: number): Promise<number> {
	while (sandbox.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
	return Date.now();
}

describe('the engine runs the node as n8n serves an installed package', () => {
	it('the node gets the registry\'s execute(), which hands RoutingNode the cancel signal', async () => {
		const { nodeTypes } = await loadPackage();
		const declarative = nodeTypes.alephee.type;
		sandbox.addKey('key-registry', [ACCOUNT]);
		sandbox.addOrder({ accountId: ACCOUNT, orderId: 1, createdThrough: 'api', lines: [] });

		const result = await runAlephee({
			credentials: { apiKey: 'key-registry', baseUrl: sandbox.baseUrl },
			parameters: { accountId: String(ACCOUNT), orderId: '1' },
		});

		expect(result.main[0].json.deleted).toBe(true);
		// Served through the registry, the declarative node carries an execute() (n8n adds it).
		expect(typeof (declarative as { execute?: unknown }).execute).toBe('function');
	});
});

describe('Stop during a paced bulk run', () => {
	it('no request leaves after the stop, and the items waiting for their turn end at once', async () => {
		const orders = Array.from({ length: 20 }, (_, index) => 100 + index);
		sandbox.addKey('key-stop', [ACCOUNT]);
		for (const orderId of orders) sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [] });
		// 60 a minute, burst 2: the whole run would take about 18 seconds.
		sandbox.setRateLimit({ perMinute: 60, burst: 2 });
		const stoppedAt = afterRequests(3);

		const result = await runAlephee({
			credentials: { apiKey: 'key-stop', baseUrl: sandbox.baseUrl },
			parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
			items: orders.map((id) => ({ id })),
			stopWhen: stoppedAt,
		});
		const endedAt = Date.now();
		const stopAt = await stoppedAt;

		expect(result.run.status).toBe('canceled');
		expect(result.error?.message).toMatch(/canceled/);
		// Well under the next paced slot (1 s): nothing waited for its turn after the stop.
		expect(endedAt - stopAt).toBeLessThan(500);
		const after = sandbox.requests.filter((request) => request.receivedAt > stopAt + 20);
		expect(after).toEqual([]);
		expect(sandbox.requests.length).toBeLessThanOrEqual(4);
		const deleted = orders.filter((orderId) => sandbox.order(ACCOUNT, orderId)?.status === ORDER_STATUS_DELETED);
		expect(deleted.length).toBe(sandbox.requests.filter((request) => request.answeredWith === 204).length);
		expect(deleted.length).toBeLessThan(orders.length);
	});

	it('a stopped execution does not hold the key: the next execution runs normally', async () => {
		sandbox.addKey('key-stop-then-go', [ACCOUNT]);
		for (const orderId of [1, 2, 3, 4, 5, 6]) sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [] });
		sandbox.setRateLimit({ perMinute: 600, burst: 2 });
		const credentials = { apiKey: 'key-stop-then-go', baseUrl: sandbox.baseUrl };
		const parameters = { accountId: String(ACCOUNT), orderId: '={{ $json.id }}' };

		await runAlephee({ credentials, parameters, items: [1, 2, 3, 4].map((id) => ({ id })), stopWhen: afterRequests(2) });
		const next = await runAlephee({ credentials, parameters, items: [5, 6].map((id) => ({ id })) });

		expect(next.main.map((item) => item.json.deleted)).toEqual([true, true]);
	});
});
