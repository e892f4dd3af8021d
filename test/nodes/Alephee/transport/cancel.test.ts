import { PackageDirectoryLoader } from 'n8n-core';

import { PACKAGE_ROOT, runAlephee, type OnError } from '../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../../sandbox/alepheeSandbox';
import { countItems, type ItemCount, untilRunIsOver, waitUntil } from '../../../waitUntil';

const ACCOUNT = 88;
const CANCELED_WHILE_WAITING = 'The execution was canceled before this request was sent';

let sandbox: AlepheeSandbox;
let nodeItems: ItemCount;

beforeEach(async () => {
	nodeItems = countItems();
	sandbox = await AlepheeSandbox.start();
});

afterEach(async () => {
	nodeItems.stop();
	await sandbox.stop();
});

/** Resolves once the sandbox has received `count` requests, with the number it had received by then. */
async function afterRequests(count: number): Promise<number> {
	await waitUntil(() => sandbox.requests.length >= count, `the sandbox has received ${count} requests`);
	// Read in the same turn as the stop that follows: no request can be recorded in between.
	return sandbox.requests.length;
}

describe('the engine runs the node as n8n serves an installed package', () => {
	it('the node gets the registry\'s execute(), which hands RoutingNode the cancel signal', async () => {
		// As packaged (a fresh load, not the instance the harness serves): n8n's registry gives an
		// execute() only to a declarative node without one of its own.
		const packaged = new PackageDirectoryLoader(PACKAGE_ROOT);
		await packaged.loadAll();
		const alephee = packaged.nodeTypes.alephee.type as { execute?: unknown; description: { requestDefaults?: unknown } };
		expect(alephee.description.requestDefaults).toBeDefined();
		expect(alephee.execute).toBeUndefined();

		sandbox.addKey('key-registry', [ACCOUNT]);
		sandbox.addOrder({ accountId: ACCOUNT, orderId: 1, createdThrough: 'api', lines: [] });
		const result = await runAlephee({
			credentials: { apiKey: 'key-registry', baseUrl: sandbox.baseUrl },
			parameters: { accountId: String(ACCOUNT), orderId: '1' },
		});

		expect(result.main[0].json.deleted).toBe(true);
		expect(sandbox.order(ACCOUNT, 1)?.status).toBe(ORDER_STATUS_DELETED);
	});
});

describe('Stop during a paced bulk run', () => {
	const orders = Array.from({ length: 20 }, (_, index) => 100 + index);

	/**
	 * 20 deletes at 30 a minute with a burst of 4: after the first answer two more leave at once,
	 * then each of the others waits its turn, 2 s apart. The stop comes once 3 requests have
	 * arrived, while all the others wait. After the run the test waits until every item has ended
	 * (none can send anything more) and the sandbox has answered every request it received: only
	 * then is "nothing after the stop" checked.
	 */
	const PACING = { perMinute: 30, burst: 4 };

	async function stopPacedRun(apiKey: string, onError?: OnError) {
		sandbox.addKey(apiKey, [ACCOUNT]);
		for (const orderId of orders) sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [] });
		sandbox.setRateLimit(PACING);
		const stop = afterRequests(3);
		const result = await runAlephee({
			credentials: { apiKey, baseUrl: sandbox.baseUrl },
			parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
			items: orders.map((id) => ({ id })),
			stopWhen: stop,
			onError,
		});
		await untilRunIsOver(nodeItems, sandbox);
		expect(nodeItems.started).toBe(orders.length);
		return { result, requestsAtStop: await stop };
	}

	it('no request leaves after the stop, and the execution shows as canceled', async () => {
		const { result, requestsAtStop } = await stopPacedRun('key-stop');

		expect(result.run.status).toBe('canceled');
		expect(result.error?.message).toMatch(/canceled/);
		expect(sandbox.requests.length).toBe(requestsAtStop);
		expect(requestsAtStop).toBeLessThan(orders.length);
		const deleted = orders.filter((orderId) => sandbox.order(ACCOUNT, orderId)?.status === ORDER_STATUS_DELETED);
		expect(deleted.length).toBe(sandbox.requests.filter((request) => request.answeredWith === 204).length);
	});

	it('every item still waiting for its turn ends with the canceled error, before that turn', async () => {
		const { result, requestsAtStop } = await stopPacedRun('key-stop-each', 'continueRegularOutput');

		expect(result.run.status).toBe('canceled');
		expect(sandbox.requests.length).toBe(requestsAtStop);
		const sent = new Set(sandbox.requests.map((request) => Number(request.query.orderId)));
		const outcomes = result.main.map((item) => ({ orderId: orders[(item.pairedItem as { item: number }).item], json: item.json }));
		expect(outcomes.map((outcome) => outcome.orderId)).toEqual(orders);
		const waiting = outcomes.filter((outcome) => !sent.has(outcome.orderId));
		expect(waiting.length).toBe(orders.length - requestsAtStop);
		// An item that waited for its turn and only then saw the stop would say "canceled while
		// deleting order …": this message is the wait itself ending at the stop.
		for (const { json } of waiting) expect(json.error).toBe(CANCELED_WHILE_WAITING);
		for (const { orderId, json } of outcomes.filter((outcome) => sent.has(outcome.orderId))) {
			if (json.deleted === true) expect(sandbox.order(ACCOUNT, orderId)?.status).toBe(ORDER_STATUS_DELETED);
			else expect(json.error).toMatch(/^The execution was canceled while deleting order/);
		}
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
