import { accountField, optionsCollection, orderIdField, simplifyProperty } from '../../shared/descriptions';
import { orderNotFound, simplifyOrder } from '../../shared/order';
import { findOrders } from '../../shared/orderLookup';
import type { AlepheeOperation } from '../../transport/operation';
import { failureError } from '../../transport/request';


/**
 * Alephee has no documented "get one order" path: the list, narrowed to one internal ID
 * (`idFrom` = `idTo`), is how one order is read, whatever its integration or payment state
 * (`findOrders`). "Not found" means no list had it.
 */
export const orderGet: AlepheeOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an order',
		description: "Read one order by Alephee's internal order ID",
	},
	request: { method: 'GET', url: '/orders' },
	parameters: [
		accountField,
		orderIdField,
		simplifyProperty('the order'),
		optionsCollection(),
	],
	returns: { text: 'the order: {id (Alephee\'s internal ID), marketplaceOrderNumber, statusCode, status, statusGroup, marketplace, buyerName, total, itemCount, dateCreated, …} (Alephee\'s whole order with Simplify off)', keys: ['id', 'marketplaceOrderNumber', 'statusCode', 'status', 'buyerName', 'total'] },
	failureWording: ({ accountId, orderId }) => ({
		inProgress: `reading order ${orderId}`,
		accountId: accountId as number,
		statuses: { 404: orderNotFound(orderId, accountId) },
	}),
	async perform({ send, values: { accountId, orderId } }) {
		const [order] = await findOrders(send, { idFrom: orderId, idTo: orderId }, (candidate) => Number(candidate.Id) === orderId, {
			sureOfNone: true,
		});
		if (order) return [this.getNodeParameter('simplify', true) ? simplifyOrder(order) : order];
		const { message, advice } = orderNotFound(orderId, accountId);
		throw failureError(this.getNode(), { message, description: advice }, this.getItemIndex());
	},
};
