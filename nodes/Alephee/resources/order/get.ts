import { accountField, optionsProperty, orderIdField, simplifyProperty } from '../../shared/descriptions';
import { integratedValues, orderNotFound, simplifyOrder } from '../../shared/order';
import type { AlepheeOperation } from '../../transport/operation';
import { failureError } from '../../transport/request';
import type { ListPage } from '../../transport/paging';

const showOnlyForOrderGet = { operation: ['get'], resource: ['order'] };

/**
 * Alephee has no documented "get one order" path: the list, narrowed to one internal ID
 * (`idFrom` = `idTo`), is how one order is read. The list hides integrated orders and orders with
 * a pending payment unless asked, so both are asked for explicitly: first among the orders not yet
 * integrated, then among the integrated ones. "Not found" means neither list has it.
 */
export const orderGet: AlepheeOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an order',
		description: "Read one order by Alephee's internal order ID",
	},
	request: { method: 'GET', url: '/orders' },
	fields: [accountField, orderIdField],
	properties: [
		simplifyProperty('the order', showOnlyForOrderGet),
		optionsProperty(showOnlyForOrderGet),
	],
	failureWording: ({ accountId, orderId }) => ({
		inProgress: `reading order ${orderId}`,
		accountId: accountId as number,
		statuses: { 404: orderNotFound(orderId, accountId) },
	}),
	async run({ send, values: { accountId, orderId } }) {
		for (const Integrated of integratedValues('any')) {
			const qs = { idFrom: orderId, idTo: orderId, includePendingPayments: true, Integrated, offset: 0, limit: 1 };
			const page = (await send({ qs })).body as ListPage;
			const order = (page?.Results ?? []).find((candidate) => Number(candidate.Id) === orderId);
			if (order) return [this.getNodeParameter('simplify', true) ? simplifyOrder(order) : order];
		}
		const { message, advice } = orderNotFound(orderId, accountId);
		throw failureError(this.getNode(), { message, description: advice }, this.getItemIndex());
	},
};
