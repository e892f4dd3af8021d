/**
 * The packed package in a real n8n: loading, the credential test, and workflows that delete
 * orders in the Alephee sandbox, run through n8n's REST API exactly as the editor runs them.
 * N8N_VERSION selects the n8n release (see scripts/n8n/config.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { AlepheeSandbox } from '../sandbox/alepheeSandbox';
import { outputItems, pairedIndex, type CredentialRef } from '../scripts/n8n/api';
import { newApiKey } from '../scripts/n8n/sandboxSetup';
import { outcomeOf } from '../scripts/n8n/report';
import { alepheeDelete, itemsNode, MANUAL_TRIGGER, manualTrigger, noOp, workflow } from '../scripts/n8n/workflows';
import { ACCOUNT_ID, E2e, OTHER_ACCOUNT_ID, SETUP_TIMEOUT_MS, warningsAndErrors } from './harness';

const NODE_TYPE = 'n8n-nodes-alephee.alephee';
const STATUS_DELETED = 70;
const STATUS_PENDING = 10;

let e2e: E2e;

beforeAll(async () => {
	e2e = await E2e.start();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await e2e?.stop();
}, 60_000);

function apiOrder(orderId: number, lines = [{ sku: `SKU-${orderId}`, quantity: 1 }]) {
	e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId, createdThrough: 'api', lines });
}

function marketplaceOrder(orderId: number) {
	e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId, createdThrough: 'marketplace', lines: [{ sku: `SKU-${orderId}`, quantity: 1 }] });
}

describe('installing the packed package into n8n', () => {
	test('the package folder holds the built package only', () => {
		const dir = e2e.stack.instance.packageDir;
		const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(existsSync(path.join(dir, file))).toBe(true);
		expect(existsSync(path.join(dir, 'dist', 'nodes', 'Alephee', 'alephee.svg'))).toBe(true);
		// Sources, tests and the sandbox stay out of the package, and n8n-workflow is n8n's own copy.
		const entries = readdirSync(dir);
		for (const unwanted of ['nodes', 'credentials', 'test', 'scripts', 'e2e', 'tsconfig.json']) expect(entries).not.toContain(unwanted);
		expect(existsSync(path.join(dir, 'node_modules', 'n8n-workflow'))).toBe(false);
		expect(existsSync(path.join(path.dirname(dir), 'n8n-workflow'))).toBe(false);
	});

	test('n8n loads the node and the credential, without a warning about them', async () => {
		const log = e2e.stack.instance.log;
		expect(log).toMatch(/Loaded all credentials and nodes from n8n-nodes-alephee/);
		const aboutUs = warningsAndErrors(log).filter((line) => /alephee/i.test(line));
		expect(aboutUs).toEqual([]);
		expect(log).not.toMatch(/(Failed to load|Could not load|Error loading).*alephee/i);
	});

	test('the editor gets the Alephee node type, with its parameters and icon', async () => {
		const types = await e2e.api.nodeTypes();
		const node = types.find((type) => type.name === NODE_TYPE) as
			| { displayName: string; version: number; credentials: Array<{ name: string }>; properties: Array<{ name: string }>; iconUrl?: { light: string } | string }
			| undefined;
		expect(node).toBeDefined();
		expect(node!.displayName).toBe('Alephee');
		// 1.2 for new nodes (the Order picker); 1.1 (the account picker) and 1 (0.1.0) still load for saved workflows.
		expect(node!.version).toEqual([1, 1.1, 1.2]);
		expect(node!.credentials).toEqual([expect.objectContaining({ name: 'alepheeApi', required: true })]);
		expect(node!.properties.map((property) => property.name)).toEqual(
			expect.arrayContaining(['resource', 'operation', 'accountId', 'orderId', 'revertStock', 'options']),
		);
		const iconPath = typeof node!.iconUrl === 'string' ? node!.iconUrl : node!.iconUrl?.light;
		expect(iconPath).toBeTruthy();
		const icon = await fetch(`${e2e.stack.instance.baseUrl}/${iconPath}`, { headers: { cookie: e2e.api.sessionCookie } });
		expect(icon.status).toBe(200);
		expect(await icon.text()).toContain('<svg');

		const [description] = await e2e.api.nodeDescriptions([{ name: NODE_TYPE, version: 1 }]);
		// The node panel's full description (n8n answers with the name without the package prefix).
		expect(description).toEqual(expect.objectContaining({ name: expect.stringMatching(/alephee$/), displayName: 'Alephee', version: [1, 1.1, 1.2] }));
		expect(JSON.stringify(description)).toContain('revertStock');
	});

	test('the editor gets the Alephee API credential type, with a hidden API key', async () => {
		const types = await e2e.api.credentialTypes();
		const credential = types.find((type) => type.name === 'alepheeApi') as
			| { displayName: string; properties: Array<{ name: string; typeOptions?: { password?: boolean }; default?: unknown }> }
			| undefined;
		expect(credential).toBeDefined();
		expect(credential!.displayName).toBe('Alephee API');
		const byName = Object.fromEntries(credential!.properties.map((property) => [property.name, property]));
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.baseUrl.default).toBe('https://api.alephcrm.com/v2');
	});
});

describe('credential test (the editor\'s "Test" button: POST /rest/credentials/test)', () => {
	test('a good key passes, with one harmless GET /accounts', async () => {
		const since = e2e.sandbox.requests.length;
		const result = await e2e.api.testCredential(e2e.credential, { apiKey: e2e.apiKey, baseUrl: e2e.sandbox.baseUrl });
		expect(result.status).toBe('OK');
		const requests = e2e.sandbox.requests.slice(since);
		expect(requests.length).toBeGreaterThanOrEqual(1);
		for (const request of requests) {
			expect(request).toEqual(expect.objectContaining({ method: 'GET', path: '/v2/accounts', answeredWith: 200 }));
			expect(request.query).toEqual({ API_KEY: e2e.apiKey });
		}
	});

	test('a wrong key fails with a message that does not repeat the key', async () => {
		const wrongKey = newApiKey();
		e2e.secrets.push(wrongKey);
		const wrong = await e2e.api.createCredential('Alephee wrong key', 'alepheeApi', { apiKey: wrongKey, baseUrl: e2e.sandbox.baseUrl });
		const since = e2e.sandbox.requests.length;
		const result = await e2e.api.testCredential(wrong, { apiKey: wrongKey, baseUrl: e2e.sandbox.baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toBeTruthy();
		expect(result.message).not.toContain(wrongKey);
		const requests = e2e.sandbox.requests.slice(since);
		expect(requests.length).toBeGreaterThanOrEqual(1);
		expect(requests.every((request) => request.path === '/v2/accounts' && request.answeredWith === 401)).toBe(true);
	});

	test('an unsaved edit of the key in the form is what gets tested', async () => {
		const wrongKey = newApiKey();
		e2e.secrets.push(wrongKey);
		const result = await e2e.api.testCredential(e2e.credential, { apiKey: wrongKey, baseUrl: e2e.sandbox.baseUrl });
		expect(result.status).toBe('Error');
	});
});

describe('deleting orders in workflows', () => {
	test('deletes one order', async () => {
		apiOrder(7001, [{ sku: 'ONE-SKU', quantity: 3 }]);
		e2e.sandbox.setStock(ACCOUNT_ID, 'ONE-SKU', 10);
		const since = e2e.sandbox.requests.length;

		const execution = await e2e.run(
			workflow('E2E delete one order', [manualTrigger(), alepheeDelete({ credential: e2e.credential, accountId: String(ACCOUNT_ID), orderId: '7001' })]),
		);

		expect(execution.status).toBe('success');
		const items = outputItems(execution, 'Alephee');
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ deleted: true, orderId: 7001, accountId: ACCOUNT_ID, revertStock: false });
		expect(pairedIndex(items[0])).toBe(0);
		const deletes = e2e.deletesSince(since);
		expect(deletes).toHaveLength(1);
		expect(deletes[0].path).toBe('/v2/orders');
		expect(deletes[0].query).toEqual(expect.objectContaining({ accountId: String(ACCOUNT_ID), orderId: '7001', API_KEY: e2e.apiKey }));
		expect(deletes[0].query.revertStock ?? 'false').toBe('false');
		expect(deletes[0].answeredWith).toBe(204);
		expect(e2e.sandbox.order(ACCOUNT_ID, 7001)?.status).toBe(STATUS_DELETED);
		expect(e2e.sandbox.stockOf(ACCOUNT_ID, 'ONE-SKU')).toBe(10);
	});

	test('deletes one order per item of a previous node, Order ID and Revert Stock from expressions', async () => {
		const orders = [7101, 7102, 7103, 7104, 7105];
		for (const orderId of orders) apiOrder(orderId, [{ sku: 'MANY-SKU', quantity: 2 }]);
		e2e.sandbox.setStock(ACCOUNT_ID, 'MANY-SKU', 100);
		const revert = (orderId: number) => orderId % 2 === 0;
		const since = e2e.sandbox.requests.length;

		const execution = await e2e.run(
			workflow('E2E delete many orders', [
				manualTrigger(),
				itemsNode(
					'Orders',
					orders.map((orderId) => ({ orderId, revertStock: revert(orderId), customer: `customer ${orderId}` })),
				),
				alepheeDelete({
					credential: e2e.credential,
					accountId: String(ACCOUNT_ID),
					orderId: '={{ $json.orderId }}',
					revertStock: '={{ $json.revertStock }}',
				}),
			]),
		);

		expect(execution.status).toBe('success');
		const items = outputItems(execution, 'Alephee');
		expect(items).toHaveLength(orders.length);
		items.forEach((item, index) => {
			expect(pairedIndex(item)).toBe(index);
			expect(item.json).toEqual({ deleted: true, orderId: orders[index], accountId: ACCOUNT_ID, revertStock: revert(orders[index]) });
		});
		const deletes = e2e.deletesSince(since);
		expect(deletes.map((request) => Number(request.query.orderId)).sort()).toEqual(orders);
		for (const request of deletes) {
			expect(request.query.accountId).toBe(String(ACCOUNT_ID));
			expect(request.query.revertStock ?? 'false').toBe(String(revert(Number(request.query.orderId))));
			expect(request.answeredWith).toBe(204);
		}
		for (const orderId of orders) expect(e2e.sandbox.order(ACCOUNT_ID, orderId)?.status).toBe(STATUS_DELETED);
		// Two of the five orders gave their 2 units back.
		expect(e2e.sandbox.stockOf(ACCOUNT_ID, 'MANY-SKU')).toBe(104);
	});

	test('Continue On Fail: a refused order becomes an item with the reason, the others are deleted', async () => {
		apiOrder(7201);
		marketplaceOrder(7202);
		apiOrder(7203);
		const since = e2e.sandbox.requests.length;

		const execution = await e2e.run(
			workflow('E2E continue on fail', [
				manualTrigger(),
				itemsNode('Orders', [{ orderId: 7201 }, { orderId: 7202 }, { orderId: 7203 }]),
				alepheeDelete({
					credential: e2e.credential,
					accountId: String(ACCOUNT_ID),
					orderId: '={{ $json.orderId }}',
					onError: 'continueRegularOutput',
				}),
			]),
		);

		expect(execution.status).toBe('success');
		const items = outputItems(execution, 'Alephee');
		expect(items.map(pairedIndex)).toEqual([0, 1, 2]);
		const [first, refused, third] = items.map(outcomeOf);
		expect(first).toEqual(expect.objectContaining({ deleted: true, orderId: 7201 }));
		expect(third).toEqual(expect.objectContaining({ deleted: true, orderId: 7203 }));
		// The order it was for stays beside the reason, so a table shows which one failed.
		expect(refused).toEqual({
			deleted: false,
			accountId: ACCOUNT_ID,
			orderId: 7202,
			error: 'Alephee refused to delete order 7202',
			message: expect.stringContaining(
				'Alephee says: "La orden pertenece a un canal conectado de forma nativa y no puede ser eliminada."',
			),
		});
		expect(refused.message).toMatch(/created through the Alephee API/);
		expect(e2e.deletesSince(since).map((request) => request.answeredWith).sort()).toEqual([204, 204, 412]);
		expect(e2e.sandbox.order(ACCOUNT_ID, 7202)?.status).toBe(STATUS_PENDING);
	});

	test('error output: refused and missing orders go to the second output, paired to their input', async () => {
		apiOrder(7301);
		marketplaceOrder(7302);
		const since = e2e.sandbox.requests.length;

		const alephee = alepheeDelete({
			credential: e2e.credential,
			accountId: String(ACCOUNT_ID),
			orderId: '={{ $json.orderId }}',
			onError: 'continueErrorOutput',
		});
		const execution = await e2e.run(
			workflow(
				'E2E error output',
				[manualTrigger(), itemsNode('Orders', [{ orderId: 7301, ref: 'a' }, { orderId: 7302, ref: 'b' }, { orderId: 7399, ref: 'c' }]), alephee],
				[
					{ from: 'Alephee', output: 0, to: noOp('Deleted', [0, 0]) },
					{ from: 'Alephee', output: 1, to: noOp('Not deleted', [0, 0]) },
				],
			),
		);

		expect(execution.status).toBe('success');
		// n8n moves an item to the error output when its JSON has nothing but error fields:
		// 1.x only `{error}` or `{error, message}`, 2.x also `details`. The node uses `{error, message}`.
		const deleted = outputItems(execution, 'Alephee', 0);
		const failed = outputItems(execution, 'Alephee', 1);
		expect(deleted).toHaveLength(1);
		expect(deleted[0].json).toEqual(expect.objectContaining({ deleted: true, orderId: 7301 }));
		expect(pairedIndex(deleted[0])).toBe(0);
		expect(failed.map(pairedIndex)).toEqual([1, 2]);
		const [refused, missing] = failed.map(outcomeOf);
		// The error output keeps the input item's fields beside the reason.
		expect(refused).toEqual(
			expect.objectContaining({ deleted: false, orderId: 7302, ref: 'b', error: 'Alephee refused to delete order 7302' }),
		);
		expect(missing).toEqual(expect.objectContaining({ deleted: false, orderId: 7399, ref: 'c' }));
		expect(missing.error).toMatch(/7399 was not found/);
		expect(missing.message).toContain('Alephee says:');
		// The branches downstream got the right items.
		expect(outputItems(execution, 'Deleted')).toHaveLength(1);
		expect(outputItems(execution, 'Not deleted')).toHaveLength(2);
		expect(e2e.deletesSince(since)).toHaveLength(3);
	});

	test('without Continue On Fail, a refused order stops the run with the node\'s explanation', async () => {
		marketplaceOrder(7401);

		const execution = await e2e.run(
			workflow('E2E stop on error', [
				manualTrigger(),
				alepheeDelete({ credential: e2e.credential, accountId: String(ACCOUNT_ID), orderId: '7401' }),
			]),
		);

		expect(execution.status).toBe('error');
		expect(execution.error?.message).toMatch(/refused to delete order 7401/i);
		const run = execution.runData['Alephee']?.[0];
		expect(run?.error?.message).toMatch(/refused to delete order 7401/i);
		expect(String(run?.error?.description)).toContain('La orden pertenece a un canal conectado de forma nativa');
		expect(String(run?.error?.httpCode)).toBe('412');
	});

	test('an account that is not tied to the key is explained (403)', async () => {
		e2e.sandbox.addOrder({ accountId: OTHER_ACCOUNT_ID, orderId: 7501, createdThrough: 'api', lines: [] });

		const execution = await e2e.run(
			workflow('E2E other account', [
				manualTrigger(),
				alepheeDelete({ credential: e2e.credential, accountId: String(OTHER_ACCOUNT_ID), orderId: '7501', onError: 'continueRegularOutput' }),
			]),
		);

		const [item] = outputItems(execution, 'Alephee');
		expect(outcomeOf(item)).toEqual({
			deleted: false,
			accountId: OTHER_ACCOUNT_ID,
			orderId: 7501,
			error: `The API key is not allowed to delete orders of account ${OTHER_ACCOUNT_ID}`,
			message: expect.stringContaining(`Alephee says: "La cuenta ${OTHER_ACCOUNT_ID} no está asociada a esta API_KEY."`),
		});
		expect(e2e.sandbox.order(OTHER_ACCOUNT_ID, 7501)?.status).toBe(STATUS_PENDING);
	});

	test('an Order ID that is not a number is refused before anything is sent', async () => {
		const since = e2e.sandbox.requests.length;

		const execution = await e2e.run(
			workflow('E2E invalid id', [
				manualTrigger(),
				itemsNode('Orders', [{ orderId: 'ML-2000012345' }]),
				alepheeDelete({ credential: e2e.credential, accountId: String(ACCOUNT_ID), orderId: '={{ $json.orderId }}', onError: 'continueRegularOutput' }),
			]),
		);

		const [item] = outputItems(execution, 'Alephee');
		expect(pairedIndex(item)).toBe(0);
		expect(outcomeOf(item).error).toMatch(/Order ID is not valid/);
		expect(e2e.deletesSince(since)).toHaveLength(0);
	});
});

describe('rate limit, in a real n8n', () => {
	let limited: AlepheeSandbox;
	let credential: CredentialRef;
	let apiKey: string;

	beforeAll(async () => {
		// A key allowed 120 requests a minute with a burst of 2: one request every 0.5 s.
		limited = await AlepheeSandbox.start({ rateLimit: { perMinute: 120, burst: 2 } });
		apiKey = newApiKey();
		e2e.secrets.push(apiKey);
		limited.addKey(apiKey, [ACCOUNT_ID]);
		credential = await e2e.api.createCredential('Alephee limited key', 'alepheeApi', { apiKey, baseUrl: limited.baseUrl });
	});

	afterAll(async () => {
		await limited?.stop();
	});

	test('many orders are paced to the announced limit: nothing refused, every order deleted', async () => {
		const orders = [7601, 7602, 7603, 7604, 7605, 7606, 7607, 7608];
		for (const orderId of orders) limited.addOrder({ accountId: ACCOUNT_ID, orderId, createdThrough: 'api', lines: [] });
		const started = Date.now();

		const execution = await e2e.run(
			workflow('E2E rate limit', [
				manualTrigger(),
				itemsNode('Orders', orders.map((orderId) => ({ orderId }))),
				alepheeDelete({ credential, accountId: String(ACCOUNT_ID), orderId: '={{ $json.orderId }}' }),
			]),
		);

		expect(execution.status).toBe('success');
		const items = outputItems(execution, 'Alephee');
		expect(items.map((item) => item.json.orderId)).toEqual(orders);
		expect(items.every((item) => item.json.deleted === true)).toBe(true);
		expect(limited.rejectedByRateLimit).toBe(0);
		expect(limited.deleteRequests()).toHaveLength(orders.length);
		// 8 requests with a burst of 2 at 2 per second cannot take less than 3 s.
		expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
	});

	test('stop on error: a paced bulk delete with one refused order sends nothing after the refusal', async () => {
		// 20 orders at 2 a second; the 4th came from a marketplace, so Alephee refuses it (412).
		const orders = Array.from({ length: 20 }, (_, index) => 7800 + index);
		const refused = orders[3];
		for (const orderId of orders) {
			limited.addOrder({ accountId: ACCOUNT_ID, orderId, createdThrough: orderId === refused ? 'marketplace' : 'api', lines: [] });
		}
		const since = limited.requests.length;
		const deletes = () => limited.requests.slice(since).filter((request) => request.method === 'DELETE');

		const execution = await e2e.run(
			workflow('E2E stop on error', [
				manualTrigger(),
				itemsNode('Orders', orders.map((orderId) => ({ orderId }))),
				alepheeDelete({ credential, accountId: String(ACCOUNT_ID), orderId: '={{ $json.orderId }}' }),
			]),
		);
		// Paced requests leave every 0.5 s: two seconds more would have let four through.
		await new Promise((resolve) => setTimeout(resolve, 2_000));

		expect(execution.status).toBe('error');
		expect(execution.error?.message).toBe(`Alephee refused to delete order ${refused}`);
		// The orders up to the refused one were sent (two may be on the wire at once, so their order of
		// arrival can swap); none after it, though the next would have left half a second later.
		const sent = deletes().map((request) => Number(request.query.orderId));
		expect([...sent].sort()).toEqual(orders.slice(0, 4));
		const deleted = orders.filter((orderId) => limited.order(ACCOUNT_ID, orderId)?.status === STATUS_DELETED);
		expect(deleted).toEqual(orders.slice(0, 3));
	});

	test('Stop: no DELETE reaches Alephee after the stop answer, and the execution shows as canceled', async () => {
		// 40 orders at 2 a second would take about 20 s; the run is stopped after the first few.
		const orders = Array.from({ length: 40 }, (_, index) => 7700 + index);
		for (const orderId of orders) limited.addOrder({ accountId: ACCOUNT_ID, orderId, createdThrough: 'api', lines: [] });
		const since = limited.requests.length;
		const deletes = () => limited.requests.slice(since).filter((request) => request.method === 'DELETE');
		const saved = await e2e.api.createWorkflow(
			workflow('E2E stop', [
				manualTrigger(),
				itemsNode('Orders', orders.map((orderId) => ({ orderId }))),
				alepheeDelete({ credential, accountId: String(ACCOUNT_ID), orderId: '={{ $json.orderId }}' }),
			]),
		);

		const executionId = await e2e.api.runWorkflow(saved.id, MANUAL_TRIGGER);
		const deadline = Date.now() + 60_000;
		while (deletes().length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(deletes().length).toBeGreaterThanOrEqual(4);
		await e2e.api.stopExecution(executionId);
		const stopAnswered = Date.now();
		const execution = await e2e.api.waitForExecution(executionId);
		e2e.executions.push(execution);
		// Paced requests leave every 0.5 s: two seconds more would have let four through.
		await new Promise((resolve) => setTimeout(resolve, 2_000));

		expect(deletes().filter((request) => request.receivedAt > stopAnswered)).toEqual([]);
		expect(deletes().length).toBeLessThan(orders.length);
		expect(execution.status).toBe('canceled');
		const deleted = orders.filter((orderId) => limited.order(ACCOUNT_ID, orderId)?.status === STATUS_DELETED);
		expect(deleted.length).toBe(deletes().filter((request) => request.answeredWith === 204).length);
	});
});

describe('secrets', () => {
	test('no API key appears in saved executions, in n8n\'s debug log or in its database', async () => {
		expect(e2e.executions.length).toBeGreaterThanOrEqual(7);
		for (const execution of e2e.executions) {
			const fresh = await e2e.api.getExecution(execution.id);
			for (const secret of e2e.secrets) expect(fresh.rawResponse).not.toContain(secret);
		}
		const log = e2e.stack.instance.log;
		expect(log.length).toBeGreaterThan(0);
		expect(log).toMatch(/\bdebug\b/); // the log really is at debug level
		for (const secret of e2e.secrets) expect(log).not.toContain(secret);
		for (const bytes of e2e.stack.instance.databaseFiles()) {
			for (const secret of e2e.secrets) expect(bytes.includes(Buffer.from(secret))).toBe(false);
		}
	});

	test('the key only travels as the API_KEY query parameter', () => {
		for (const request of e2e.sandbox.requests) {
			expect(request.query.API_KEY).toBeDefined();
			expect(request.body).toBe('');
			expect(request.headerNames).not.toEqual(expect.arrayContaining(['authorization', 'api_key', 'x-api-key']));
		}
	});

	test('n8n made no attempt to reach the internet', () => {
		expect(e2e.stack.instance.log).not.toMatch(/ENOTFOUND|EAI_AGAIN/);
	});
});
