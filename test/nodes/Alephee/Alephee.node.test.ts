import { existsSync } from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT } from '../../harness';

const description = async (): Promise<INodeTypeDescription> =>
	(await loadPackage()).nodeTypes.alephee.type.description as INodeTypeDescription;

describe('Alephee node, as n8n loads it from dist/', () => {
	it('is declarative: routing in the description, no execute()', async () => {
		const { nodeTypes } = await loadPackage();
		expect('execute' in nodeTypes.alephee.type).toBe(false);
		expect((await description()).requestDefaults?.baseURL).toContain('$credentials.baseUrl');
	});

	it('offers Order → Delete with the action "Delete an order"', async () => {
		const { properties } = await description();
		const operation = properties.find((property) => property.name === 'operation');
		expect(operation?.options).toEqual([
			expect.objectContaining({ name: 'Delete', value: 'delete', action: 'Delete an order' }),
		]);
		expect(properties.find((property) => property.name === 'resource')?.options).toEqual([
			{ name: 'Order', value: 'order' },
		]);
	});

	it('keeps the parameter names saved workflows depend on', async () => {
		const names = (await description()).properties.map((property) => property.name);
		expect(names).toEqual(expect.arrayContaining(['resource', 'operation', 'accountId', 'orderId', 'revertStock']));
		const revertStock = (await description()).properties.find((property) => property.name === 'revertStock');
		expect(revertStock).toMatchObject({ type: 'boolean', default: false, displayName: 'Revert Stock' });
	});

	it('explains the internal order ID and the API-created-only rule in the UI', async () => {
		const { properties } = await description();
		expect(properties.find((property) => property.name === 'orderId')?.hint).toMatch(/not the marketplace's order number/);
		expect(properties.find((property) => property.type === 'notice')?.displayName).toMatch(
			/Only orders created through the Alephee API can be deleted/,
		);
	});

	it('has what verified community nodes need: subtitle, usableAsTool, themed icons, codex', async () => {
		const node = await description();
		expect(node.subtitle).toBeTruthy();
		expect(node.usableAsTool).toBe(true);
		expect(node.iconUrl).toEqual({
			light: 'icons/n8n-nodes-alephee/dist/nodes/Alephee/alephee.svg',
			dark: 'icons/n8n-nodes-alephee/dist/nodes/Alephee/alephee.dark.svg',
		});
		for (const file of ['alephee.svg', 'alephee.dark.svg']) {
			expect(existsSync(path.join(PACKAGE_ROOT, 'dist/nodes/Alephee', file))).toBe(true);
		}
		expect(node.codex?.categories).toEqual(['Sales']);
	});
});
