import { runAlephee, type AlepheeCredentialData } from '../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../../sandbox/alepheeSandbox';
import { countItems, type ItemCount, untilRunIsOver } from '../../../waitUntil';

const API_KEY = 'stop-on-error-key-81d';
const ACCOUNT = 5150;
/** Item 3's order came from a marketplace: Alephee refuses to delete it (412). */
const REFUSED = 3;

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;
let nodeItems: ItemCount;

beforeEach(async () => {
	nodeItems = countItems();
	// One delete every 100 ms and no burst: the items of a run wait in line for the rate limit.
	sandbox = await AlepheeSandbox.start({ rateLimit: { perMinute: 600, burst: 1 } });
	sandbox.addKey(API_KEY, [ACCOUNT]);
	for (let orderId = 1; orderId <= 60; orderId++) {
		sandbox.addOrder({
			accountId: ACCOUNT,
			orderId,
			createdThrough: orderId === REFUSED ? 'marketplace' : 'api',
			lines: [{ sku: 'A', quantity: 1 }],
		});
	}
	credentials = { apiKey: API_KEY, baseUrl: sandbox.baseUrl };
});

afterEach(async () => {
	nodeItems.stop();
	await sandbox.stop();
});

const items = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index + 1 }));
const deleted = () => sandbox.deleteRequests().filter((request) => request.answeredWith === 204).map((request) => Number(request.query.orderId));

describe('Stop on error (Continue On Fail off)', () => {
	it('once an item fails, no later item of the run is sent; the execution shows that failure', async () => {
		const result = await runAlephee({ credentials, parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}' }, items: items(12) });
		// Only once every item has ended can nothing more be sent.
		await untilRunIsOver(nodeItems, sandbox);
		expect(nodeItems.started).toBe(12);

		expect(result.error?.message).toBe(`Alephee refused to delete order ${REFUSED}`);
		const sent = sandbox.deleteRequests().map((request) => Number(request.query.orderId));
		const refusal = sent.indexOf(REFUSED);
		expect(refusal).toBeGreaterThanOrEqual(0);
		// Items take their place in line in item order, so the earlier ones went first.
		expect(sent).toEqual([1, 2, REFUSED]);
		// Nothing after the refusal, and only the orders before it were deleted.
		expect(sent.slice(refusal + 1)).toEqual([]);
		expect(deleted()).toEqual([1, 2]);
		for (let orderId = 4; orderId <= 12; orderId++) expect(sandbox.order(ACCOUNT, orderId)?.status).not.toBe(ORDER_STATUS_DELETED);
	});

	it('with Continue On Fail on, the other items still go: one outcome per item', async () => {
		const result = await runAlephee({
			credentials,
			parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
			items: items(6),
			onError: 'continueRegularOutput',
		});
		expect(result.main).toHaveLength(6);
		expect(result.main.map((item) => item.json.deleted ?? false)).toEqual([true, true, false, true, true, true]);
		expect(deleted()).toEqual([1, 2, 4, 5, 6]);
	});

	it('when n8n fails the run on an item (an expression it cannot evaluate), nothing of that run is sent and no item is left rejected', async () => {
		const inputs: object[] = items(40);
		inputs[30] = { id: 31, broken: true };
		// Revert Stock is one of the parameters n8n's routing evaluates itself, in its pass over the
		// items: a reference to a node that does not exist fails there, before the node sees item 31.
		// The 30 items already started end quietly: Jest fails this test on any promise rejection
		// that nobody handles, as n8n's error reporter would log each as an uncaught exception.
		const result = await runAlephee({
			credentials,
			parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}', revertStock: '={{ $json.broken ? $("Missing Node").item.json.x : true }}' },
			items: inputs,
		});
		expect(result.error?.message).toBe("Referenced node doesn't exist");
		// The execution has ended, but n8n does not wait for the items it had started: wait until
		// each has ended (none can send anything more), then check that none sent anything.
		await untilRunIsOver(nodeItems, sandbox);
		expect(nodeItems.started).toBe(30);
		// Counting the items' ends handles any rejection, which Jest would then not see: check there was none.
		expect(nodeItems.rejected).toBe(0);
		expect(sandbox.deleteRequests()).toEqual([]);
	});
});
