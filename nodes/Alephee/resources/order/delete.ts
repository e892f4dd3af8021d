import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { sendWithinRateLimit } from '../../transport/rateLimitedRequest';

const showOnlyForOrderDelete = { operation: ['delete'], resource: ['order'] };

const fields: INodeProperties[] = [
	{
		displayName:
			'Only orders created through the Alephee API can be deleted. Orders that came from a natively connected marketplace or channel (such as Mercado Libre) cannot.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showOnlyForOrderDelete },
	},
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234',
		description: 'The Alephee account the order belongs to. It must be an account tied to the API key.',
		displayOptions: { show: showOnlyForOrderDelete },
		routing: { send: { type: 'query', property: 'accountId' } },
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 987654',
		description: "Alephee's internal ID of the order (the ID field of the order in Alephee's API)",
		hint: "Alephee's own order ID, not the marketplace's order number (ExternalOrderId)",
		displayOptions: { show: showOnlyForOrderDelete },
		routing: { send: { type: 'query', property: 'orderId' } },
	},
	{
		displayName: 'Revert Stock',
		name: 'revertStock',
		type: 'boolean',
		default: false,
		description:
			"Whether to give the order's units back to the products' available stock. For example, deleting an order of 5 units of product XYZ adds those 5 units back to XYZ's stock.",
		displayOptions: { show: showOnlyForOrderDelete },
		routing: { send: { type: 'query', property: 'revertStock' } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForOrderDelete },
		options: [
			{
				displayName: 'Rate Limit Retries',
				name: 'rateLimitRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 20 },
				default: 5,
				description:
					"How many times to retry an order that Alephee refused because the API key's rate limit was reached. The node already paces its requests to the limit Alephee announces, so this is rarely needed.",
			},
		],
	},
];

const deletedOrder = (query: IDataObject): IDataObject => ({
	deleted: true,
	orderId: query.orderId,
	accountId: query.accountId,
	revertStock: query.revertStock === true,
});

export const orderDeleteDescription = {
	fields,
	send: sendWithinRateLimit({
		idQueryFields: { accountId: 'Account ID', orderId: 'Order ID' },
		toResult: deletedOrder,
	}),
};
