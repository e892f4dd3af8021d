import type { IDataObject } from 'n8n-workflow';

import { runPoll } from '../../../../harness/engine';
import type { PollState } from '../../../../nodes/Alephee/trigger/pollOrders';
import { sandboxPerTest } from '../resources/sandboxRun';

const API_KEY = 'trigger-key-5e1';
const ACCOUNT = 4100;

const fixture = sandboxPerTest(API_KEY, [ACCOUNT]);

const at = (iso: string) => new Date(iso);
const order = (orderId: number, dateCreated: Date) =>
	fixture.sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'marketplace', lines: [{ sku: 'A', quantity: 1 }], dateCreated });

const poll = (staticData: IDataObject, parameters: Record<string, unknown> = {}, mode: 'trigger' | 'manual' = 'trigger') =>
	runPoll({
		credentials: fixture.credentials,
		staticData,
		mode,
		parameters: { event: 'newOrder', accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, ...parameters },
	});

const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((item) => item.json.id);
const listRequests = () => fixture.sandbox.requestsTo('GET /v2/orders');

describe('Alephee Trigger: new orders', () => {
	it('first activation starts from now: no history, and what this minute already had is not emitted later', async () => {
		order(1, at('2020-01-01T00:00:00Z'));
		order(2, new Date());
		const first = await poll({});
		expect(first.items).toBeNull();
		const state = first.staticData['node:Only'] as PollState;
		expect(state.position).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
		expect(state.floor).toBe(state.position);
		expect(listRequests().map((request) => [request.query.dateCreatedFrom, request.query.Integrated])).toEqual([
			[state.position, 'false'],
			[state.position, 'true'],
		]);

		// Whether or not the minute turned meanwhile, order 2 is never emitted: it was read and
		// remembered, or it is from before the minute the trigger started at.
		order(3, new Date());
		const second = await poll(first.staticData);
		expect(ids(second.items)).toEqual([3]);
	});

	it('emits each new order once, across polls and across the minute boundary', async () => {
		const state = { 'node:Only': { position: '2026-11-20 10:03', seen: [] } };
		order(10, at('2026-11-20T10:03:05Z'));
		order(11, at('2026-11-20T10:02:59Z'));
		const first = await poll(state);
		expect(ids(first.items)).toEqual([10]);
		expect(listRequests()[0].query).toMatchObject({ accountId: String(ACCOUNT), dateCreatedFrom: '2026-11-20 10:03' });

		// Same minute, created after the first poll: asked for again from 10:03, only 12 is new.
		order(12, at('2026-11-20T10:03:40Z'));
		const second = await poll(first.staticData);
		expect(ids(second.items)).toEqual([12]);

		const third = await poll(second.staticData);
		expect(third.items).toBeNull();

		order(13, at('2026-11-20T10:05:00Z'));
		const fourth = await poll(third.staticData);
		expect(ids(fourth.items)).toEqual([13]);
		expect(fourth.staticData['node:Only']).toMatchObject({ position: '2026-11-20 10:05' });
		expect(Object.values((fourth.staticData['node:Only'] as PollState).emitted ?? {}).flat()).toEqual(['10', '12', '13']);
	});

	it('pages through everything that changed, within the rate limit', async () => {
		for (let id = 1; id <= 230; id++) order(id, at('2026-11-20T11:00:00Z'));
		fixture.sandbox.setEndpointRateLimit('GET /v2/orders', { perMinute: 120, burst: 2 });
		const result = await poll({ 'node:Only': { position: '2026-11-20 10:59', seen: [] } });
		expect(ids(result.items)).toHaveLength(230);
		expect(new Set(ids(result.items)).size).toBe(230);
		expect(listRequests().map((request) => [request.query.Integrated, request.query.offset])).toEqual([
			['false', '0'],
			['false', '99'],
			['false', '198'],
			['true', '0'],
		]);
		expect(fixture.sandbox.rejectedByRateLimit).toBe(0);
	});

	it('a failed poll raises a clear error and keeps the position, so nothing is skipped', async () => {
		const state = { 'node:Only': { position: '2026-11-20 10:00', seen: [] } };
		order(20, at('2026-11-20T10:01:00Z'));
		fixture.sandbox.failNextWith({ endpoint: 'GET /v2/orders', status: 500, body: 'Error interno' });
		await expect(poll(state)).rejects.toMatchObject({
			message: `Alephee had an internal error while looking for new orders of account ${ACCOUNT}`,
			description: expect.stringContaining('Alephee says: "Error interno"'),
		});
		// n8n keeps the static data a failed poll leaves; here it is the state the poll started from.
		const retried = await poll(state);
		expect(ids(retried.items)).toEqual([20]);
	});

	it('a refused key is said in plain words, without the key', async () => {
		fixture.credentials = { ...fixture.credentials, apiKey: 'bad-key-998877' };
		const failure = poll({ 'node:Only': { position: '2026-11-20 10:00', seen: [] } });
		await expect(failure).rejects.toMatchObject({ message: 'Alephee did not accept the API key for this account' });
		await failure.catch((error: Error) => expect(JSON.stringify(error)).not.toContain('bad-key-998877'));
	});

	it('sends the filters: status group and marketplace', async () => {
		await poll({ 'node:Only': { position: '2026-11-20 10:00', seen: [] } }, { filters: { statusType: 99, marketplaceId: 1 } });
		expect(listRequests()[0].query).toMatchObject({ statusType: '99', marketplaceId: '1' });
	});
});

describe('Alephee Trigger: what Alephee hides, and late orders', () => {
	const start = { 'node:Only': { position: '2026-11-20 10:00', floor: '2026-11-20 10:00' } };

	it('emits an order an ERP integrated before the poll, once', async () => {
		order(50, at('2026-11-20T10:01:00Z'));
		fixture.sandbox.markIntegrated(ACCOUNT, 50);
		const first = await poll(start);
		expect(ids(first.items)).toEqual([50]);
		expect((await poll(first.staticData)).items).toBeNull();
	});

	it('emits an order whose payment is approved after the poll moved past its minute, once', async () => {
		fixture.sandbox.addOrder({ accountId: ACCOUNT, orderId: 51, createdThrough: 'marketplace', lines: [], dateCreated: at('2026-11-20T10:01:00Z'), pendingPayment: true });
		order(52, at('2026-11-20T10:30:00Z'));
		const first = await poll(start);
		expect(ids(first.items).sort()).toEqual([51, 52]);
		fixture.sandbox.approvePayment(ACCOUNT, 51, at('2026-11-20T10:40:00Z'));
		expect((await poll(first.staticData)).items).toBeNull();
		for (const request of listRequests()) expect(request.query.includePendingPayments).toBe('true');
	});

	it('emits an order that shows up minutes after a newer one was seen, once', async () => {
		order(60, at('2026-11-20T10:06:00Z'));
		const first = await poll(start);
		expect(ids(first.items)).toEqual([60]);
		// A sync running behind: order 61, created at 10:03, appears only now.
		order(61, at('2026-11-20T10:03:00Z'));
		const second = await poll(first.staticData);
		expect(ids(second.items)).toEqual([61]);
		expect((await poll(second.staticData)).items).toBeNull();
		expect(listRequests().at(-1)?.query.dateCreatedFrom).toBe('2026-11-20 10:00');
	});

	it('a look-back set in Options reads that many minutes again', async () => {
		order(70, at('2026-11-20T10:30:00Z'));
		const first = await poll(start, { options: { lookBackMinutes: 3 } });
		await poll(first.staticData, { options: { lookBackMinutes: 3 } });
		expect(listRequests().at(-1)?.query.dateCreatedFrom).toBe('2026-11-20 10:27');
	});

	it('a page that comes back empty before the total fails the poll and keeps the position', async () => {
		for (let id = 80; id < 85; id++) order(id, at('2026-11-20T10:02:00Z'));
		const emptyPage = { endpoint: 'GET /v2/orders' as const, status: 200, contentType: 'application/json', body: JSON.stringify({ Total: 5, Paging: { Offset: 0, Limit: 100, Total: 5 }, Results: [] }) };
		fixture.sandbox.failNextWith(emptyPage, emptyPage);
		await expect(poll(start)).rejects.toMatchObject({
			message: `Alephee's list stopped after 0 of the 5 results it announced, while looking for new orders of account ${ACCOUNT}`,
		});
		// n8n keeps the static data of the failed poll: the state it started from.
		const retried = await poll(start);
		expect(ids(retried.items)).toEqual([80, 81, 82, 83, 84]);
	});
});

describe('Alephee Trigger: status changes', () => {
	it('asks by status date, and emits an order again only when its status is different', async () => {
		order(30, at('2026-11-20T09:00:00Z'));
		const state = { 'node:Only': { position: '2026-11-20 10:00', seen: [] } };
		fixture.sandbox.setOrderStatus(ACCOUNT, 30, 20, at('2026-11-20T10:01:00Z'));
		const shipped = await poll(state, { event: 'statusChanged' });
		expect(shipped.items?.map((item) => [item.json.id, item.json.statusCode])).toEqual([[30, 20]]);
		expect(listRequests()[0].query.statusDateFrom).toBe('2026-11-20 10:00');

		expect((await poll(shipped.staticData, { event: 'statusChanged' })).items).toBeNull();

		fixture.sandbox.setOrderStatus(ACCOUNT, 30, 80, at('2026-11-20T10:01:30Z'));
		const delivered = await poll(shipped.staticData, { event: 'statusChanged' });
		expect(delivered.items?.map((item) => [item.json.id, item.json.statusCode])).toEqual([[30, 80]]);
	});
});

describe('Alephee Trigger: Fetch test event', () => {
	it('returns the last order in Alephee\'s list, whatever its date, and keeps no state', async () => {
		order(40, at('2026-01-01T00:00:00Z'));
		order(41, at('2026-02-01T00:00:00Z'));
		order(39, at('2025-12-01T00:00:00Z'));
		const result = await poll({}, {}, 'manual');
		expect(ids(result.items)).toEqual([41]);
		expect(result.staticData).toEqual({});
	});

	it('says plainly when no order matches yet', async () => {
		await expect(poll({}, {}, 'manual')).rejects.toMatchObject({
			message: `No order of account ${ACCOUNT} matches this trigger yet`,
		});
	});
});
