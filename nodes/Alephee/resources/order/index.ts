import type { INodeProperties } from 'n8n-workflow';

import { orderDeleteDescription } from './delete';

const showOnlyForOrders = { resource: ['order'] };

export const orderDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForOrders },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an order',
				description: 'Delete an order that was created through the Alephee API',
				routing: {
					// Every answer, whatever its status, is turned into a result or a clear error by the transport
					request: { method: 'DELETE', url: '/orders' },
					// The engine only lets `pagination` wrap the request: it is how the node paces and retries
					send: { paginate: true },
					operations: { pagination: orderDeleteDescription.send },
				},
			},
		],
		default: 'delete',
	},
	...orderDeleteDescription.fields,
];
