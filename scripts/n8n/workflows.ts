/** Workflows as n8n stores them, built from the nodes a user would drag onto the canvas. */
import { randomUUID } from 'node:crypto';

import type { CredentialRef } from './api';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';

export function manualTrigger(name = MANUAL_TRIGGER): WorkflowNode {
	return { id: randomUUID(), name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
}

/** A Code node that outputs one item per object. */
export function itemsNode(name: string, items: Array<Record<string, unknown>>): WorkflowNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })), null, 2)};` },
	};
}

export function noOp(name: string, position: [number, number]): WorkflowNode {
	return { id: randomUUID(), name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position, parameters: {} };
}

export interface AlepheeDeleteOptions {
	name?: string;
	credential: CredentialRef;
	accountId: string;
	orderId: string;
	/** A boolean, or an expression such as `={{ $json.revertStock }}`. */
	revertStock?: boolean | string;
	rateLimitRetries?: number;
	onError?: WorkflowNode['onError'];
}

export function alepheeDelete(options: AlepheeDeleteOptions): WorkflowNode {
	return {
		id: randomUUID(),
		name: options.name ?? 'Alephee',
		type: 'n8n-nodes-alephee.alephee',
		typeVersion: 1,
		position: [440, 0],
		parameters: {
			resource: 'order',
			operation: 'delete',
			accountId: options.accountId,
			orderId: options.orderId,
			revertStock: options.revertStock ?? false,
			options: options.rateLimitRetries === undefined ? {} : { rateLimitRetries: options.rateLimitRetries },
		},
		credentials: { alepheeApi: { id: options.credential.id, name: options.credential.name } },
		...(options.onError ? { onError: options.onError } : {}),
	};
}

/** An Alephee node of the current version (1.1), with any operation's parameters. */
export function alepheeNode(options: {
	name: string;
	credential: CredentialRef;
	parameters: Record<string, unknown>;
	onError?: WorkflowNode['onError'];
}): WorkflowNode {
	return {
		id: randomUUID(),
		name: options.name,
		type: 'n8n-nodes-alephee.alephee',
		typeVersion: 1.1,
		position: [440, 0],
		parameters: options.parameters,
		credentials: { alepheeApi: { id: options.credential.id, name: options.credential.name } },
		...(options.onError ? { onError: options.onError } : {}),
	};
}

export interface HttpRequestDeleteValues {
	/** The full `/orders` URL. */
	url: string;
	accountId: string;
	orderId: string;
	revertStock: string;
}

/**
 * Parameters of n8n's HTTP Request node (v4.2) set up by hand for Alephee's delete call, the
 * way a user would without this package: the key as a query-auth credential.
 */
export function httpRequestDeleteParameters(values: HttpRequestDeleteValues): Record<string, unknown> {
	return {
		method: 'DELETE',
		url: values.url,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpQueryAuth',
		sendQuery: true,
		queryParameters: {
			parameters: [
				{ name: 'accountId', value: values.accountId },
				{ name: 'orderId', value: values.orderId },
				{ name: 'revertStock', value: values.revertStock },
			],
		},
		options: {},
	};
}

type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;

/** A workflow whose nodes run one after the other; `extra` adds branches (from, output, to). */
export function workflow(
	name: string,
	chain: WorkflowNode[],
	extra: Array<{ from: string; output: number; to: WorkflowNode }> = [],
): Record<string, unknown> {
	const connections: Connections = {};
	const link = (from: string, output: number, to: string) => {
		const entry = (connections[from] ??= { main: [] });
		while (entry.main.length <= output) entry.main.push([]);
		entry.main[output].push({ node: to, type: 'main', index: 0 });
	};
	chain.forEach((node, index) => {
		node.position = [index * 220, 0];
		if (index > 0) link(chain[index - 1].name, 0, node.name);
	});
	extra.forEach(({ from, output, to }, index) => {
		to.position = [chain.length * 220, output * 200 + index * 20];
		link(from, output, to.name);
	});
	return {
		name,
		nodes: [...chain, ...extra.map(({ to }) => to)],
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
