/**
 * The operations after Delete, in a real n8n (N8N_VERSION picks it): the account picker and the
 * marketplace list through the editor's endpoints, find → delete → check, status updates,
 * products in batches, product listings, a workflow saved by 0.1.0, and an active Alephee Trigger.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { outputItems, pairedIndex, type EditorListRequest } from '../scripts/n8n/api';
import { orderDayWorkflow, ORDER_DAY_NODES } from '../scripts/n8n/sandboxSetup';
import { alepheeNode, itemsNode, manualTrigger, noOp, workflow } from '../scripts/n8n/workflows';
import { ACCOUNT_ID, E2e, SETUP_TIMEOUT_MS } from './harness';

const NODE_TYPE = 'n8n-nodes-alephee.alephee';
const TRIGGER_TYPE = 'n8n-nodes-alephee.alepheeTrigger';
const STATUS_DELETED = 70;
const account = { __rl: true, mode: 'list', value: String(ACCOUNT_ID), cachedResultName: 'Tienda E2E' };

let e2e: E2e;

beforeAll(async () => {
	e2e = await E2e.start();
	e2e.sandbox.addAccount(ACCOUNT_ID, {
		name: 'Tienda E2E',
		businessName: 'E2E Distribuciones SA',
		marketplaces: [
			{ id: 1, name: 'Mercado Libre' },
			{ id: 7, name: 'Tienda propia' },
		],
	});
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await e2e?.stop();
}, 60_000);

const credentials = () => ({ alepheeApi: { id: e2e.credential.id, name: e2e.credential.name } });
const node = (name: string, parameters: Record<string, unknown>, onError?: 'continueRegularOutput' | 'continueErrorOutput') =>
	alepheeNode({ name, credential: e2e.credential, parameters, onError });

describe('the editor\'s lists', () => {
	const request = (methodName: string, pathInNode: string, currentNodeParameters: Record<string, unknown>): EditorListRequest => ({
		methodName,
		path: pathInNode,
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1.1 },
		currentNodeParameters,
		credentials: credentials(),
	});

	test('the account picker lists the key\'s accounts as "Name — Business name (Id)", searchable', async () => {
		const since = e2e.sandbox.requests.length;
		const all = await e2e.api.resourceLocatorResults(request('searchAccounts', 'parameters.accountId', { resource: 'order', operation: 'getAll' }));
		expect(all.results).toEqual([{ name: `Tienda E2E — E2E Distribuciones SA (${ACCOUNT_ID})`, value: String(ACCOUNT_ID) }]);
		const none = await e2e.api.resourceLocatorResults({ ...request('searchAccounts', 'parameters.accountId', {}), filter: 'nobody' });
		expect(none.results).toEqual([]);
		expect(e2e.sandbox.requests.slice(since).map((sent) => sent.path)).toEqual(['/v2/accounts', '/v2/accounts']);
	});

	test('the marketplace filter lists the chosen account\'s marketplaces', async () => {
		const options = await e2e.api.loadOptions(
			request('getMarketplaces', 'parameters.filters.marketplaceId', { resource: 'order', operation: 'getAll', accountId: account }),
		);
		expect(options).toEqual([
			{ name: 'Mercado Libre (1)', value: 1 },
			{ name: 'Tienda propia (7)', value: 7 },
		]);
	});
});

describe('orders: find, delete, check, update status', () => {
	test('Get Many → Delete (Revert Stock) → Get: the test orders end as 70 (Deleted), their units back in stock', async () => {
		for (const [index, orderId] of [8101, 8102, 8103].entries()) {
			e2e.sandbox.addOrder({
				accountId: ACCOUNT_ID,
				orderId,
				externalOrderId: `TEST-E2E-${index + 1}`,
				createdThrough: 'api',
				lines: [{ sku: 'E2E-SKU', quantity: 2 }],
			});
		}
		e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 8199, externalOrderId: '2000008199', createdThrough: 'marketplace', lines: [{ sku: 'E2E-SKU', quantity: 1 }] });
		e2e.sandbox.setStock(ACCOUNT_ID, 'E2E-SKU', 10);

		const execution = await e2e.run(
			workflow('E2E find, delete, check', [
				manualTrigger(),
				node('Find', { resource: 'order', operation: 'getAll', accountId: account, returnAll: true, filters: { externalOrderIdFrom: 'TEST-E2E-0', externalOrderIdTo: 'TEST-E2E-9' } }),
				node('Delete', { resource: 'order', operation: 'delete', accountId: account, orderId: '={{ $json.id }}', revertStock: true }),
				node('Check', { resource: 'order', operation: 'get', accountId: account, orderId: '={{ $json.orderId }}' }),
			]),
		);

		expect(execution.status).toBe('success');
		expect(outputItems(execution, 'Find').map((item) => item.json.id)).toEqual([8101, 8102, 8103]);
		expect(outputItems(execution, 'Delete').map((item) => item.json)).toEqual(
			[8101, 8102, 8103].map((orderId) => ({ deleted: true, orderId, accountId: ACCOUNT_ID, revertStock: true })),
		);
		const checked = outputItems(execution, 'Check');
		expect(checked.map((item) => [item.json.id, item.json.statusCode, pairedIndex(item)])).toEqual([
			[8101, STATUS_DELETED, 0],
			[8102, STATUS_DELETED, 1],
			[8103, STATUS_DELETED, 2],
		]);
		expect(e2e.sandbox.stockOf(ACCOUNT_ID, 'E2E-SKU')).toBe(16);
		expect(e2e.sandbox.order(ACCOUNT_ID, 8199)?.status).toBe(10);
	});

	test('Get Many reads 300 orders while the ERP integrates 80 of them between two pages: each of the 300 once, none lost', async () => {
		// IDs of their own: the trigger test below reuses none of them (it remembers what it saw).
		const ids = Array.from({ length: 300 }, (_, index) => 9600 + index);
		for (const orderId of ids) {
			e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId, externalOrderId: `LIVE-${orderId}`, createdThrough: 'marketplace', lines: [] });
		}
		// Alephee's recommended integration cycle, running while n8n reads: after the first page,
		// the ERP marks 80 of the orders it just listed as integrated, and they leave the list.
		let pages = 0;
		const stop = e2e.sandbox.changeAfterEachAnswer('GET /v2/orders', (request) => {
			if (request.query.externalOrderIdFrom !== 'LIVE-0' || ++pages !== 1) return;
			for (const orderId of ids.slice(0, 80)) e2e.sandbox.markIntegrated(ACCOUNT_ID, orderId);
		});
		try {
			const execution = await e2e.run(
				workflow('E2E list while the ERP integrates', [
					manualTrigger(),
					node('Not integrated', {
						resource: 'order',
						operation: 'getAll',
						accountId: account,
						returnAll: true,
						filters: { externalOrderIdFrom: 'LIVE-0', externalOrderIdTo: 'LIVE-99999', integrated: 'notIntegrated' },
					}),
				]),
			);
			expect(execution.status).toBe('success');
			expect(pages).toBeGreaterThan(3);
			expect(outputItems(execution, 'Not integrated').map((item) => item.json.id)).toEqual(ids);
		} finally {
			stop();
		}
	});

	test('Update Status: shipped with a tracking number; cancelling a marketplace order goes to the error output', async () => {
		e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 8201, createdThrough: 'api', lines: [] });
		e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 8202, createdThrough: 'marketplace', lines: [] });

		const update = node(
			'Update',
			{ resource: 'order', operation: 'updateStatus', accountId: account, orderId: '={{ $json.orderId }}', status: '={{ $json.status }}', trackingNumber: '={{ $json.tracking }}' },
			'continueErrorOutput',
		);
		const execution = await e2e.run(
			workflow(
				'E2E update status',
				[manualTrigger(), itemsNode('Orders', [{ orderId: 8201, status: 20, tracking: 'TRK-8201' }, { orderId: 8202, status: 90, tracking: '' }]), update],
				[
					{ from: 'Update', output: 0, to: noOp('Updated', [0, 0]) },
					{ from: 'Update', output: 1, to: noOp('Not updated', [0, 0]) },
				],
			),
		);

		expect(execution.status).toBe('success');
		expect(outputItems(execution, 'Update', 0).map((item) => item.json)).toEqual([
			expect.objectContaining({ updated: true, orderId: 8201, status: 20, statusName: 'Shipped', trackingNumber: 'TRK-8201' }),
		]);
		const [refused] = outputItems(execution, 'Update', 1);
		expect(pairedIndex(refused)).toBe(1);
		expect(refused.json).toMatchObject({ orderId: 8202, error: 'Alephee refused to change the status of order 8202 to 90 (Cancelled)' });
		expect(e2e.sandbox.order(ACCOUNT_ID, 8201)?.status).toBe(20);
		expect(e2e.sandbox.order(ACCOUNT_ID, 8202)?.status).toBe(10);
	});

	test('a workflow saved by 0.1.0 (node version 1, plain Account ID) runs unchanged', async () => {
		e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 8301, createdThrough: 'api', lines: [] });
		const saved = JSON.parse(readFileSync(path.join(__dirname, '..', 'examples', 'delete-one-order.json'), 'utf8')) as {
			nodes: Array<{ type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: unknown }>;
		};
		const alephee = saved.nodes.find((candidate) => candidate.type === NODE_TYPE)!;
		expect(alephee.typeVersion).toBe(1);
		alephee.parameters = { ...alephee.parameters, accountId: String(ACCOUNT_ID), orderId: '8301' };
		alephee.credentials = credentials();

		const execution = await e2e.run({ ...saved, name: 'E2E 0.1.0 workflow', active: false });

		expect(execution.status).toBe('success');
		expect(outputItems(execution, 'Delete order').map((item) => item.json)).toEqual([
			{ deleted: true, orderId: 8301, accountId: ACCOUNT_ID, revertStock: false },
		]);
		expect(e2e.sandbox.order(ACCOUNT_ID, 8301)?.status).toBe(STATUS_DELETED);
	});
});

describe('the order day: Create → Get → Download Label → Attach Invoice → Delete with Revert Stock', () => {
	test('two orders created from their own lines, each read back, its label downloaded as a PDF, an invoice attached, deleted with its stock back', async () => {
		for (const sku of ['DAY-MATE', 'DAY-YERBA']) e2e.sandbox.addProduct({ accountId: ACCOUNT_ID, sku }, 20);
		e2e.sandbox.shipmentOfCreatedOrders = { status: 'ready_to_ship', substatus: 'ready_to_print' };
		const orders = [
			{ externalOrderId: 'DAY-E2E-1', lines: [{ sku: 'DAY-MATE', quantity: 2 }, { sku: 'DAY-YERBA', quantity: 1 }] },
			{ externalOrderId: 'DAY-E2E-2', lines: [{ sku: 'DAY-YERBA', quantity: 4 }] },
		];
		try {
			const execution = await e2e.run(orderDayWorkflow(e2e.credential, ACCOUNT_ID, orders, 'E2E order day'));
			expect(execution.status).toBe('success');

			const created = outputItems(execution, ORDER_DAY_NODES.create);
			expect(created.map((item) => [item.json.created, item.json.stockMoved, pairedIndex(item)])).toEqual([
				[true, true, 0],
				[true, true, 1],
			]);
			const ids = created.map((item) => item.json.orderId as number);
			for (const [index, orderId] of ids.entries()) {
				expect(e2e.sandbox.order(ACCOUNT_ID, orderId)).toMatchObject({ createdThrough: 'api', externalOrderId: orders[index].externalOrderId });
			}
			expect(outputItems(execution, ORDER_DAY_NODES.read).map((item) => item.json.id)).toEqual(ids);

			const labels = outputItems(execution, ORDER_DAY_NODES.label);
			expect(labels.map((item) => [item.json.orderId, (item.binary as Record<string, { mimeType?: string; fileName?: string }>)?.data?.mimeType])).toEqual(
				ids.map((orderId) => [orderId, 'application/pdf']),
			);

			expect(outputItems(execution, ORDER_DAY_NODES.attach).map((item) => [item.json.attached, item.json.orderId, item.json.documentType])).toEqual(
				ids.map((orderId) => [true, orderId, 0]),
			);
			for (const orderId of ids) {
				expect(e2e.sandbox.documentsOf(ACCOUNT_ID, orderId, 0).map((document) => document.fileName)).toEqual([`invoice-${orderId}.pdf`]);
			}

			expect(outputItems(execution, ORDER_DAY_NODES.remove).map((item) => item.json)).toEqual(
				ids.map((orderId) => ({ deleted: true, orderId, accountId: ACCOUNT_ID, revertStock: true })),
			);
			expect(outputItems(execution, ORDER_DAY_NODES.check).map((item) => [item.json.id, item.json.statusCode])).toEqual(ids.map((orderId) => [orderId, STATUS_DELETED]));
			// Created, the orders took 2 + 5 units; deleted with Revert Stock, they gave them back.
			expect(e2e.sandbox.stockOf(ACCOUNT_ID, 'DAY-MATE')).toBe(20);
			expect(e2e.sandbox.stockOf(ACCOUNT_ID, 'DAY-YERBA')).toBe(20);
		} finally {
			e2e.sandbox.shipmentOfCreatedOrders = undefined;
		}
	});
});

describe('products in batches', () => {
	test('300 items with a cap of 100 products per call: split on 413 until accepted, every item paired, an unknown SKU on the error output', async () => {
		for (let index = 1; index <= 299; index++) e2e.sandbox.addProduct({ accountId: ACCOUNT_ID, sku: `E2E-P-${index}` }, 0);
		e2e.sandbox.setObjectCap('POST /v2/products', 100);
		const rows = [...Array.from({ length: 299 }, (_, index) => ({ sku: `E2E-P-${index + 1}`, stock: index + 1 })), { sku: 'E2E-NOPE', stock: 1 }];
		const update = node(
			'Update products',
			{ resource: 'product', operation: 'update', accountId: account, sku: '={{ $json.sku }}', updateFields: { stockQuantity: '={{ $json.stock }}' } },
			'continueErrorOutput',
		);

		const execution = await e2e.run(
			workflow(
				'E2E products',
				[manualTrigger(), itemsNode('Rows', rows), update],
				[
					{ from: 'Update products', output: 0, to: noOp('Updated', [0, 0]) },
					{ from: 'Update products', output: 1, to: noOp('Not updated', [0, 0]) },
				],
			),
		);

		expect(execution.status).toBe('success');
		// One call for the run; too large (413, nothing processed), so halved until Alephee takes it.
		const calls = e2e.sandbox.requestsTo('POST /v2/products').map((call) => [(JSON.parse(call.body) as unknown[]).length, call.answeredWith]);
		expect(calls).toEqual([
			[300, 413],
			[150, 413],
			[75, 200],
			[75, 200],
			[75, 200],
			[75, 200],
		]);
		const updated = outputItems(execution, 'Update products', 0);
		expect(updated).toHaveLength(299);
		updated.forEach((item, index) => {
			expect(pairedIndex(item)).toBe(index);
			expect(item.json).toMatchObject({ updated: true, sku: `E2E-P-${index + 1}` });
		});
		const [unknown] = outputItems(execution, 'Update products', 1);
		expect(pairedIndex(unknown)).toBe(299);
		expect(unknown.json).toMatchObject({ sku: 'E2E-NOPE', error: 'Alephee did not update product E2E-NOPE' });
		expect(e2e.sandbox.stockOf(ACCOUNT_ID, 'E2E-P-299')).toBe(299);
	});
});

describe('product listings', () => {
	test('Search → Update Status: 120 listings read page by page, their new statuses sent together, each item paired to its own result', async () => {
		for (let id = 1; id <= 120; id++) e2e.sandbox.listings.add(ACCOUNT_ID, { id, externalId: `MLA-E2E-${id}`, sku: `E2E-L-${id}`, marketplaceId: 1, status: 2 });
		e2e.sandbox.setObjectCap('GET /v2/productlistings/search', 50);
		const search = node('Search listings', { resource: 'productListing', operation: 'search', accountId: account, status: 2, returnAll: true });
		const update = node('Pause listings', { resource: 'productListing', operation: 'updateStatus', accountId: account, listing: '={{ { Id: $json.Id, Status: 3 } }}', includeKitContainers: false });

		const execution = await e2e.run(workflow('E2E listings', [manualTrigger(), search, update]));

		expect(execution.status).toBe('success');
		expect(e2e.sandbox.requestsTo('GET /v2/productlistings/search').length).toBeGreaterThanOrEqual(3);
		const puts = e2e.sandbox.requestsTo('PUT /v2/productlistings/update-status');
		expect(puts).toHaveLength(1);
		expect(puts[0].query).toMatchObject({ accountId: String(ACCOUNT_ID), includeKitContainers: 'false' });
		expect(JSON.parse(puts[0].body)).toEqual(Array.from({ length: 120 }, (_, index) => ({ Id: index + 1, Status: 3 })));
		const updated = outputItems(execution, 'Pause listings', 0);
		expect(updated).toHaveLength(120);
		updated.forEach((item, index) => {
			expect(pairedIndex(item)).toBe(index);
			expect(item.json).toMatchObject({ updated: true, listing: { Id: index + 1, Status: 3 }, alepheeStatus: 200 });
		});
	});

	test('Apply Discount: the good rows sent together in UTC, a percent of 120 and a finish before the start refused before sending, each on the error output paired', async () => {
		const rows = [
			{ sku: 'E2E-D-1', percent: 10, finish: '2026-12-26 00:00' },
			{ sku: 'E2E-D-2', percent: 120, finish: '2026-12-26 00:00' },
			{ sku: 'E2E-D-3', percent: 25, finish: '2026-12-20 00:00' },
			{ sku: 'E2E-D-4', percent: 15.5, finish: '2026-12-31 23:59' },
		];
		const discount = node(
			'Discount',
			{ resource: 'productListing', operation: 'applyDiscount', accountId: account, sku: '={{ $json.sku }}', discountPercent: '={{ $json.percent }}', startDate: '2026-12-24 00:00', finishDate: '={{ $json.finish }}' },
			'continueErrorOutput',
		);

		const execution = await e2e.run(
			workflow(
				'E2E discounts',
				[manualTrigger(), itemsNode('Rows', rows), discount],
				[
					{ from: 'Discount', output: 0, to: noOp('Accepted', [0, 0]) },
					{ from: 'Discount', output: 1, to: noOp('Refused', [0, 0]) },
				],
			),
		);

		expect(execution.status).toBe('success');
		const posts = e2e.sandbox.requestsTo('POST /v2/productlistings/discounts');
		expect(posts).toHaveLength(1);
		expect(JSON.parse(posts[0].body)).toEqual([
			{ SKU: 'E2E-D-1', DiscountPercent: 10, StartDate: '2026-12-24T00:00:00Z', FinishDate: '2026-12-26T00:00:00Z' },
			{ SKU: 'E2E-D-4', DiscountPercent: 15.5, StartDate: '2026-12-24T00:00:00Z', FinishDate: '2026-12-31T23:59:00Z' },
		]);
		expect(outputItems(execution, 'Discount', 0).map((item) => [item.json.sku, item.json.accepted, pairedIndex(item)])).toEqual([
			['E2E-D-1', true, 0],
			['E2E-D-4', true, 3],
		]);
		expect(outputItems(execution, 'Discount', 1).map((item) => [String(item.json.error), pairedIndex(item)])).toEqual([
			['Discount Percent is not valid: 120 is more than 100', 1],
			[expect.stringMatching(/^Finish Date is not valid: it is not after the Start Date/), 2],
		]);
	});
});

describe('the Alephee Trigger, active', () => {
	test('records one execution per poll that found new orders, each order once, none of the history', async () => {
		const trigger = {
			id: 'trigger',
			name: 'New order',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'newOrder', accountId: account },
			credentials: credentials(),
		};
		e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 8401, createdThrough: 'marketplace', lines: [], dateCreated: new Date(Date.now() - 3_600_000) });
		const saved = await e2e.api.createWorkflow({
			name: 'E2E trigger',
			nodes: [trigger, { ...noOp('Got it', [220, 0]) }],
			connections: { 'New order': { main: [[{ node: 'Got it', type: 'main', index: 0 }]] } },
			// The sandbox reads Alephee's dates in UTC: the workflow's time zone says so.
			settings: { executionOrder: 'v1', timezone: 'UTC' },
			active: false,
		});
		await e2e.api.activateWorkflow(saved.id);
		try {
			const newExecution = async (count: number) => {
				const deadline = Date.now() + 150_000;
				for (;;) {
					const ids = await e2e.api.executionIds(saved.id);
					if (ids.length >= count) return ids;
					if (Date.now() > deadline) throw new Error(`no execution ${count} of the trigger within 150 s`);
					await new Promise((resolve) => setTimeout(resolve, 1_000));
				}
			};
			const emitted = async (executionId: string) => {
				const execution = await e2e.api.waitForExecution(executionId);
				e2e.executions.push(execution);
				return outputItems(execution, 'New order').map((item) => item.json.id);
			};

			await new Promise((resolve) => setTimeout(resolve, 2_000));
			e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 8402, createdThrough: 'marketplace', lines: [] });
			e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 8403, createdThrough: 'marketplace', lines: [] });
			const [first] = await newExecution(1);
			expect(await emitted(first)).toEqual([8402, 8403]);

			// A burst of 250 new orders, read in pages while the ERP integrates the first 80 listed:
			// every one is emitted once, none lost to the list moving under the poll.
			const burst = Array.from({ length: 250 }, (_, index) => 8800 + index);
			let integratedDuringRead = false;
			const stop = e2e.sandbox.changeAfterEachAnswer('GET /v2/orders', (request) => {
				if (integratedDuringRead || request.query.Integrated !== 'false' || request.query.offset !== '0') return;
				integratedDuringRead = true;
				for (const orderId of burst.slice(0, 80)) e2e.sandbox.markIntegrated(ACCOUNT_ID, orderId);
			});
			e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 8404, createdThrough: 'marketplace', lines: [] });
			for (const orderId of burst) e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId, createdThrough: 'marketplace', lines: [] });
			try {
				// However the polls fall on the minutes, each order comes out once, across executions.
				const expected = [8404, ...burst];
				const seen: number[] = [];
				const read = new Set([first]);
				const deadline = Date.now() + 150_000;
				while (seen.length < expected.length && Date.now() < deadline) {
					for (const executionId of await e2e.api.executionIds(saved.id)) {
						if (read.has(executionId)) continue;
						read.add(executionId);
						seen.push(...((await emitted(executionId)) as number[]));
					}
					await new Promise((resolve) => setTimeout(resolve, 1_000));
				}
				expect(integratedDuringRead).toBe(true);
				expect(seen).toHaveLength(expected.length);
				expect([...seen].sort((a, b) => a - b)).toEqual(expected);
			} finally {
				stop();
			}
		} finally {
			await e2e.api.deactivateWorkflow(saved.id);
		}
	}, 330_000);
});

describe('any other Alephee call: n8n\'s HTTP Request node with the Alephee API credential', () => {
	test('Authentication → Predefined Credential Type → Alephee API adds API_KEY; the answer is the node\'s output', async () => {
		const since = e2e.sandbox.requests.length;
		const execution = await e2e.run(
			workflow('E2E HTTP Request with the Alephee credential', [
				manualTrigger(),
				{
					id: 'http-request',
					name: 'Any Alephee call',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: {
						method: 'GET',
						url: `${e2e.sandbox.baseUrl}/accounts/${ACCOUNT_ID}/marketplaces`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'alepheeApi',
						options: {},
					},
					credentials: credentials(),
				},
			]),
		);
		expect(execution.status).toBe('success');
		const sent = e2e.sandbox.requests.slice(since);
		expect(sent.map((request) => [request.method, request.path])).toEqual([['GET', `/v2/accounts/${ACCOUNT_ID}/marketplaces`]]);
		expect(sent[0].query).toEqual({ API_KEY: e2e.apiKey });
		expect(outputItems(execution, 'Any Alephee call').map((item) => item.json)).toEqual([
			{ Id: 1, Name: 'Mercado Libre' },
			{ Id: 7, Name: 'Tienda propia' },
		]);
	});
});

describe('secrets', () => {
	test('no API key appears in the saved executions of these runs', async () => {
		expect(e2e.executions.length).toBeGreaterThanOrEqual(5);
		for (const execution of e2e.executions) {
			const fresh = await e2e.api.getExecution(execution.id);
			for (const secret of e2e.secrets) expect(fresh.rawResponse).not.toContain(secret);
		}
		for (const secret of e2e.secrets) expect(e2e.stack.instance.log).not.toContain(secret);
	});
});
