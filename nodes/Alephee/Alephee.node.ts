import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { orderDescription } from './resources/order';

export class Alephee implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alephee',
		name: 'alephee',
		icon: { light: 'file:alephee.svg', dark: 'file:alephee.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage marketplace orders in Alephee (AlephCRM)',
		defaults: {
			name: 'Alephee',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'alepheeApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: {
				Accept: 'application/json',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Order',
						value: 'order',
					},
				],
				default: 'order',
			},
			...orderDescription,
		],
	};
}
