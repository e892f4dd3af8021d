import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { rateLimitOptions } from '../../shared/descriptions';
import { type AlepheeOperation, idField, switchField } from '../../transport/operation';

const showOnlyForOrderDelete = { operation: ['delete'], resource: ['order'] };

export const orderDeleteFields: INodeProperties[] = [
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
		options: rateLimitOptions,
	},
];

/** `DELETE /v2/orders`: one order per call; 204 means deleted. */
export const orderDelete: AlepheeOperation = {
	query: { accountId: idField('Account ID'), orderId: idField('Order ID'), revertStock: switchField('Revert Stock') },
	identifiedBy: ['accountId', 'orderId'],
	words: ({ accountId, orderId }) => ({
		doing: `deleting order ${orderId}`,
		accountId: accountId as number,
		uncertainOutcome: 'The order may or may not have been deleted',
		notDone: `Order ${orderId} was not deleted`,
		statuses: {
			304: {
				message: `Order ${orderId} was not deleted: Alephee reported nothing to change`,
				advice:
					'Alephee answered "304 Not Modified", so nothing was deleted. Open the order in Alephee to see its current status (a deleted order stays visible with status 70, Deleted).',
			},
			400: {
				message: `Alephee rejected the request to delete order ${orderId} as invalid`,
				advice: 'Check that Account ID and Order ID are the numeric IDs shown in Alephee.',
			},
			403: {
				message: `The API key is not allowed to delete orders of account ${accountId}`,
				advice: `Check that account ${accountId} belongs to the API key in the Alephee credential; ask Alephee support to tie it to the key if it should.`,
			},
			404: {
				message: `Order ${orderId} was not found in account ${accountId}`,
				advice:
					"Check that Order ID is Alephee's internal order ID (not the marketplace's order number) and that the order belongs to this account.",
			},
			412: {
				message: `Alephee refused to delete order ${orderId}`,
				advice:
					'Only orders created through the Alephee API can be deleted; orders that came from a natively connected marketplace or channel (such as Mercado Libre) cannot.',
			},
			413: {
				message: 'Alephee refused the request as too large',
				advice: 'Delete one order per item; Alephee limits how many objects one request may carry.',
			},
		},
	}),
	async run(send, query): Promise<IDataObject[]> {
		await send();
		// Exactly what went out: the checked, canonical values.
		return [{ deleted: true, orderId: query.orderId, accountId: query.accountId, revertStock: query.revertStock }];
	},
};
