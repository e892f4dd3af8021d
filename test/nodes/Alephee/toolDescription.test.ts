/**
 * What an AI agent is told about each operation: what it does, what it needs and what it returns,
 * checked against the operation's own fields and against what it really returns in a run.
 */
import { type INode, type INodeTypeDescription, NodeHelpers } from 'n8n-workflow';

import { loadPackage } from '../../../harness/engine';
import { fieldsOf, isField } from '../../../nodes/Alephee/fields/field';
import { accountResource } from '../../../nodes/Alephee/resources/account';
import { orderResource } from '../../../nodes/Alephee/resources/order';
import { productResource } from '../../../nodes/Alephee/resources/product';
import { orderDelete } from '../../../nodes/Alephee/resources/order/delete';
import { orderGet } from '../../../nodes/Alephee/resources/order/get';
import { productListingResource } from '../../../nodes/Alephee/resources/productListing';
import { toolDescriptionOf } from '../../../nodes/Alephee/resources/toolDescription';
import { runScenario, SCENARIOS } from './operationScenarios';

const RESOURCES = [accountResource, orderResource, productResource, productListingResource];
const OPERATIONS = RESOURCES.flatMap((resource) => resource.operations.map((operation) => ({ resource: resource.value, operation })));

const description = async (): Promise<INodeTypeDescription> => (await loadPackage()).nodeTypes.alephee.type.description as INodeTypeDescription;

/**
 * The node as n8n types it, with n8n's own functions for its parameters and for the description
 * it gives the agent. n8n offers the node to agents under its name with a `Tool` suffix, which is
 * what its `@tool` display condition reads.
 */
async function alepheeAs(asTool = true) {
	const base = await description();
	const type = { ...base, name: asTool ? `${base.name}Tool` : base.name };
	const node: INode = { id: '1', name: 'Alephee', type: `n8n-nodes-alephee.${type.name}`, typeVersion: 1.2, position: [0, 0], parameters: {} };
	/** The parameters with the defaults shown for them filled in (`withDefaults` false: only those that differ). */
	const parametersOf = (values: INode['parameters'], withDefaults = true) => NodeHelpers.getNodeParameters(type.properties, values, withDefaults, false, node, type) ?? {};
	const toldToAgent = (values: INode['parameters']) => {
		const parameters = parametersOf(values);
		return { parameters, told: NodeHelpers.getToolDescriptionForNode({ ...node, parameters }, { description: type } as never) };
	};
	return { parametersOf, toldToAgent };
}

describe('the tool description of each operation', () => {
	it.each(OPERATIONS.map(({ resource, operation }) => [`${resource} → ${String(operation.option.value)}`, resource, operation] as const))(
		'%s: says what it does, names every field it needs, and what it returns',
		async (_name, resource, operation) => {
			const { told } = (await alepheeAs()).toldToAgent({ resource, operation: String(operation.option.value) });
			expect(told.startsWith(`${String(operation.option.action)} in Alephee. `)).toBe(true);
			const required = operation.parameters.filter(isField).filter((field) => field.properties[field.properties.length - 1].required);
			const needs = /Needs: ([^;.]*)/.exec(told)?.[1].split(', ') ?? [];
			expect(needs).toEqual(required.map((field) => field.label));
			expect(told).toContain(`Returns ${operation.returns.text}.`);
			for (const key of operation.returns.keys) expect(operation.returns.text).toMatch(new RegExp(`\\b${key}\\b`));
			// OpenAI takes a function description of up to 1024 characters.
			expect(told.length).toBeLessThanOrEqual(1024);
			// Every field an operation reads is either needed or offered as optional, by its label or its collection's.
			for (const field of fieldsOf(operation.parameters).filter((field) => !field.path.startsWith('options.'))) {
				expect(told).toContain(field.path.includes('.') ? (operation.parameters.find((parameter) => 'fields' in parameter && parameter.fields.includes(field)) as { property: { displayName: string } }).property.displayName : field.label);
			}
		},
	);

	it('is a Description field only on the node as a tool; the node itself has none, and its action stays short (it names new nodes and the agent\'s tools)', async () => {
		const asNode = (await alepheeAs(false)).toldToAgent({ resource: 'order', operation: 'delete' });
		expect(asNode.parameters.toolDescription).toBeUndefined();
		const asTool = (await alepheeAs()).toldToAgent({ resource: 'order', operation: 'delete' });
		expect(asTool.parameters.toolDescription).toBe(asTool.told);
		for (const { operation } of OPERATIONS) expect(`${String(operation.option.action)} in Alephee`.length).toBeLessThanOrEqual(64);
	});

	it("switching the operation in the editor switches the default with it; a user's text stays", async () => {
		// The editor's steps on a change, with n8n's own functions: keep what differs from the
		// defaults shown now, apply the change, then fill in the defaults shown after it.
		const { parametersOf } = await alepheeAs();
		const change = (shown: INode['parameters'], name: string, value: string) => parametersOf({ ...parametersOf(shown, false), [name]: value });
		const deleting = parametersOf({ resource: 'order', operation: 'delete' });
		expect(deleting.toolDescription).toBe(toolDescriptionOf(orderDelete));
		expect(change(deleting, 'operation', 'get').toolDescription).toBe(toolDescriptionOf(orderGet));
		const written = change(deleting, 'toolDescription', 'Borra pedidos de prueba');
		expect(change(written, 'operation', 'get').toolDescription).toBe('Borra pedidos de prueba');
	});

	it('a description the user writes is what the agent gets', async () => {
		const { told } = (await alepheeAs()).toldToAgent({ resource: 'order', operation: 'delete', toolDescription: 'Borra pedidos de prueba' });
		expect(told).toBe('Borra pedidos de prueba');
	});
});

describe('what each operation says it returns is what it returns', () => {
	it('there is one successful scenario per operation', () => {
		expect(SCENARIOS.map((scenario) => `${scenario.resource}.${scenario.operation}`).sort()).toEqual(OPERATIONS.map(({ resource, operation }) => `${resource}.${String(operation.option.value)}`).sort());
	});

	it.each(SCENARIOS.map((scenario) => [`${scenario.resource} → ${scenario.operation}`, scenario] as const))('%s', async (_name, scenario) => {
		const { operation } = OPERATIONS.find(({ resource, operation }) => resource === scenario.resource && operation.option.value === scenario.operation)!;
		const result = await runScenario(scenario);

		expect(result.error).toBeUndefined();
		expect(result.main.length).toBeGreaterThanOrEqual(1);
		for (const item of result.main) {
			expect(item.json.error).toBeUndefined();
			expect(Object.keys(item.json)).toEqual(expect.arrayContaining(operation.returns.keys));
			// A file is said to be one, and is one.
			expect(Boolean(item.binary?.data)).toBe(operation.returns.text.includes('binary file'));
		}
	});
});
