import { type Field, collectionOf, field, inCollection, queryFilter } from '../../fields/field';
import { booleanRule, codeRule, dateTimeRule, idRule, integrationRule, textRule } from '../../fields/rules';
import {
	accountField,
	dateFilterProperty,
	marketplaceFilterProperty,
	optionsProperty,
	returnAllOrLimit,
	simplifyProperty,
} from '../../shared/descriptions';
import { INTEGRATION_CHOICES, STATUS_GROUPS, type IntegrationChoice, integratedValues, simplifyOrder } from '../../shared/order';
import { type AlepheeOperation, readRequestedPages } from '../../transport/operation';

const showOnlyForOrderGetMany = { operation: ['getAll'], resource: ['order'] };

const text = (displayName: string, name: string, description: string, placeholder?: string) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	description,
	...(placeholder ? { placeholder } : {}),
});

const filters = collectionOf({ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter', show: showOnlyForOrderGetMany }, [
	queryFilter(dateFilterProperty('Created After', 'dateCreatedFrom', 'Only orders created'), dateTimeRule),
	queryFilter(text('ERP Status', 'erpStatus', 'Only orders with this ERP status, as your ERP integration set it in Alephee'), textRule),
	queryFilter(
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
	queryFilter(marketplaceFilterProperty, idRule),
	queryFilter(text('Marketplace Order Number From', 'externalOrderIdFrom', 'Only orders whose marketplace order number (ExternalOrderId) is this one or later'), textRule),
	queryFilter(text('Marketplace Order Number To', 'externalOrderIdTo', 'Only orders whose marketplace order number (ExternalOrderId) is this one or earlier'), textRule),
	queryFilter(text('Order ID From', 'idFrom', "Only orders whose Alephee internal ID is this one or higher", 'e.g. 987000'), idRule),
	queryFilter(text('Order ID To', 'idTo', "Only orders whose Alephee internal ID is this one or lower", 'e.g. 987999'), idRule),
	queryFilter(dateFilterProperty('Sale Date After', 'saleDateFrom', 'Only orders sold'), dateTimeRule),
	queryFilter(dateFilterProperty('Status Changed After', 'statusDateFrom', 'Only orders whose status changed'), dateTimeRule),
	queryFilter(
		{
			displayName: 'Status Group',
			name: 'statusType',
			type: 'options',
			options: STATUS_GROUPS,
			default: 1,
			description: 'Only orders in this group of statuses. Deleted orders (70) belong to no group.',
		},
		codeRule([0, 1, 2, 99]),
	),
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

const { properties: returnAllProperties, limitField } = returnAllOrLimit(showOnlyForOrderGetMany);

/** `GET /v2/orders`, page by page: one output item per order. */
export const orderGetMany: AlepheeOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many orders',
		description: 'List the orders of an account, with filters',
	},
	request: { method: 'GET', url: '/orders' },
	fields: [accountField, limitField, ...filters.fields, inCollection(sortField, 'options')],
	properties: [
		...returnAllProperties,
		filters.property,
		simplifyProperty('each order', showOnlyForOrderGetMany),
		optionsProperty(showOnlyForOrderGetMany, sortField.properties),
	],
	failureWording: ({ accountId }) => ({ inProgress: `listing orders of account ${accountId}`, accountId: accountId as number }),
	async run({ send, values }) {
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
