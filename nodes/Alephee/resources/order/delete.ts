import { type Field, field, withQuery } from '../../fields/field';
import { booleanRule } from '../../fields/rules';
import { accountField, optionsCollection, orderIdField } from '../../shared/descriptions';
import { orderNotFound } from '../../shared/order';
import type { AlepheeOperation } from '../../transport/operation';


const revertStockField: Field = field(
	{
		displayName: 'Revert Stock',
		name: 'revertStock',
		type: 'boolean',
		default: false,
		description:
			"Whether to give the order's units back to the products' available stock. For example, deleting an order of 5 units of product XYZ adds those 5 units back to XYZ's stock.",
	},
	booleanRule,
	{ query: 'revertStock', reported: true },
);

/** `DELETE /v2/orders`: one order per call; 204 means deleted. */
export const orderDelete: AlepheeOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete an order',
		description: 'Delete an order that was created through the Alephee API',
	},
	request: { method: 'DELETE', url: '/orders' },
	parameters: [
		accountField,
		withQuery(orderIdField, 'orderId'),
		{
			displayName:
				'Only orders created through the Alephee API can be deleted. Orders that came from a natively connected marketplace or channel (such as Mercado Libre) cannot.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
		revertStockField,
		optionsCollection(),
	],
	target: ({ accountId, orderId }) => `order ${accountId}/${orderId}`,
	returns: { text: '{deleted: true, accountId, orderId, revertStock}', keys: ['deleted', 'accountId', 'orderId', 'revertStock'] },
	failureWording: ({ accountId, orderId }) => ({
		inProgress: `deleting order ${orderId}`,
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
			404: orderNotFound(orderId, accountId),
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
	async perform({ send, reported }) {
		await send();
		// Exactly what went out: the checked, canonical values.
		return [{ deleted: true, ...reported }];
	},
};
