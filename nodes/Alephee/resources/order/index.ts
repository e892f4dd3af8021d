import type { INodeProperties } from 'n8n-workflow';

import { runOperation } from '../../transport/operation';
import { orderDelete, orderDeleteFields } from './delete';

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
					request: { method: 'DELETE', url: '/orders' },
					// The engine only lets `pagination` wrap the request: it is how the transport hooks in
					send: { paginate: true },
					operations: { pagination: runOperation(orderDelete) },
				},
			},
		],
		default: 'delete',
	},
	...orderDeleteFields,
];
