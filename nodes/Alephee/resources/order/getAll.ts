import { type Field, collectionOf, field, filterField } from '../../fields/field';
import { booleanRule, dateTimeRule, idRule, integrationRule, textRule } from '../../fields/rules';
import {
	accountField,
	dateFilterProperty,
	optionsCollection,
	returnAllOrLimit,
	simplifyProperty,
	textProperty,
} from '../../shared/descriptions';
import { INTEGRATION_CHOICES, type IntegrationChoice, integratedValues, simplifyOrder } from '../../shared/order';
import { marketplaceFilterField, statusGroupField } from '../../shared/orderFilters';
import { readRequestedPages } from '../../transport/paging';
import type { AlepheeOperation } from '../../transport/operation';

const filters = collectionOf({ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' }, [
	filterField(dateFilterProperty('Created After', 'dateCreatedFrom', 'Only orders created'), dateTimeRule),
	filterField(textProperty('ERP Status', 'erpStatus', 'Only orders with this ERP status, as your ERP integration set it in Alephee'), textRule),
	filterField(
		{
			displayName: 'Include Pending Payments',
			name: 'includePendingPayments',
			type: 'boolean',
			default: false,
			description: 'Whether to include orders whose payment is still pending (Alephee leaves them out by default)',
		},
		booleanRule,
	),
	field(
		{
			displayName: 'Integrated',
			name: 'integrated',
			type: 'options',
			options: INTEGRATION_CHOICES,
			default: 'any',
			description:
				"Whether to list orders whatever their integration with your ERP, or only those already integrated, or only those not yet integrated. Alephee's own filter has no \"any\" value, so Any asks Alephee twice (not integrated, then integrated).",
		},
		integrationRule,
	),
	marketplaceFilterField,
	filterField(textProperty('Marketplace Order Number From', 'externalOrderIdFrom', 'Only orders whose marketplace order number (ExternalOrderId) is this one or later'), textRule),
	filterField(textProperty('Marketplace Order Number To', 'externalOrderIdTo', 'Only orders whose marketplace order number (ExternalOrderId) is this one or earlier'), textRule),
	filterField(textProperty('Order ID From', 'idFrom', "Only orders whose Alephee internal ID is this one or higher", 'e.g. 987000'), idRule),
	filterField(textProperty('Order ID To', 'idTo', "Only orders whose Alephee internal ID is this one or lower", 'e.g. 987999'), idRule),
	filterField(dateFilterProperty('Sale Date After', 'saleDateFrom', 'Only orders sold'), dateTimeRule),
	filterField(dateFilterProperty('Status Changed After', 'statusDateFrom', 'Only orders whose status changed'), dateTimeRule),
	statusGroupField,
]);

const sortField: Field = field(
	{
		displayName: 'Sort By',
		name: 'sort',
		type: 'string',
		default: '',
		placeholder: 'e.g. dateCreated',
		description:
			"One of the sorts Alephee lists in its answer's AvailableSorts (dateCreated, for example). Alephee sorts in ascending order only.",
	},
	textRule,
	{ query: 'sort', optional: true },
);

const { returnAll, limitField } = returnAllOrLimit();

/** `GET /v2/orders`, page by page: one output item per order. */
export const orderGetMany: AlepheeOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many orders',
		description: 'List the orders of an account, with filters',
	},
	request: { method: 'GET', url: '/orders' },
	parameters: [accountField, returnAll, limitField, filters, simplifyProperty('each order'), optionsCollection([sortField])],
	returns: { text: 'one item per order found, none when nothing matches: {id (Alephee\'s internal ID), marketplaceOrderNumber, statusCode, status, statusGroup, marketplace, buyerName, total, itemCount, dateCreated, …} (Alephee\'s whole order with Simplify off)', keys: ['id', 'marketplaceOrderNumber', 'statusCode', 'status', 'buyerName', 'total'] },
	failureWording: ({ accountId }) => ({ inProgress: `listing orders of account ${accountId}`, accountId: accountId as number }),
	async perform({ send, values }) {
		// Both asked explicitly, so the list is the same whatever Alephee's defaults are.
		const pendingPayments = { includePendingPayments: values.includePendingPayments ?? false };
		const lists = integratedValues(values.integrated as IntegrationChoice).map((Integrated) => ({
			...pendingPayments,
			Integrated,
		}));
		const orders = await readRequestedPages.call(this, send, values.limit, lists);
		return this.getNodeParameter('simplify', true) ? orders.map(simplifyOrder) : orders;
	},
};
