import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsField, returnAllFields } from '../../shared/descriptions';
import { INTEGRATION_CHOICES, STATUS_GROUPS, type IntegrationChoice, integratedValues, simplifyOrder } from '../../shared/order';
import {
	codeField,
	dateTimeField,
	idField,
	integrationField,
	limitParameter,
	switchField,
	textField,
} from '../../helpers/fieldChecks';
import { type AlepheeOperation, readRequestedPages, routeThroughTransport } from '../../transport/operation';

const showOnlyForOrderGetMany = { operation: ['getAll'], resource: ['order'] };

/** `GET /v2/orders`, page by page: one output item per order. */
const orderGetMany: AlepheeOperation = {
	query: {
		accountId: idField('Account ID'),
		statusType: codeField('Status Group', [0, 1, 2, 99], { optional: true }),
		dateCreatedFrom: dateTimeField('Created After'),
		saleDateFrom: dateTimeField('Sale Date After'),
		statusDateFrom: dateTimeField('Status Changed After'),
		idFrom: idField('Order ID From', { optional: true }),
		idTo: idField('Order ID To', { optional: true }),
		externalOrderIdFrom: textField('Marketplace Order Number From', { optional: true }),
		externalOrderIdTo: textField('Marketplace Order Number To', { optional: true }),
		marketplaceId: idField('Marketplace', { optional: true }),
		erpStatus: textField('ERP Status', { optional: true }),
		includePendingPayments: switchField('Include Pending Payments', { optional: true }),
		sort: textField('Sort By', { optional: true }),
	},
	parameters: { ...limitParameter, 'filters.integrated': integrationField('Integrated') },
	identifiedBy: ['accountId'],
	words: ({ accountId }) => ({ doing: `listing orders of account ${accountId}`, accountId: accountId as number }),
	async run(send, values) {
		// Both asked explicitly, so the list is the same whatever Alephee's defaults are.
		const pendingPayments = { includePendingPayments: values.includePendingPayments ?? false };
		const lists = integratedValues(values['filters.integrated'] as IntegrationChoice).map((Integrated) => ({
			...pendingPayments,
			Integrated,
		}));
		const orders = await readRequestedPages.call(this, send, values.limit, lists);
		return this.getNodeParameter('simplify', true) ? orders.map(simplifyOrder) : orders;
	},
};

export const orderGetManyOption: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many orders',
	description: 'List the orders of an account, with filters',
	routing: routeThroughTransport({ method: 'GET', url: '/orders' }, orderGetMany),
};

const query = (property: string) => ({ send: { type: 'query' as const, property } });

export const orderGetManyFields: INodeProperties[] = [
	...returnAllFields(showOnlyForOrderGetMany),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForOrderGetMany },
		options: [
			{
				displayName: 'Created After',
				name: 'dateCreatedFrom',
				type: 'dateTime',
				default: '',
				description:
					"Only orders created from this date and time on. Sent to the minute in this workflow's time zone (Settings → Timezone), as Alephee's yyyy-mm-dd HH:mm: set the workflow's time zone to your Alephee account's.",
				routing: query('dateCreatedFrom'),
			},
			{
				displayName: 'ERP Status',
				name: 'erpStatus',
				type: 'string',
				default: '',
				description: "Only orders with this ERP status, as your ERP integration set it in Alephee",
				routing: query('erpStatus'),
			},
			{
				displayName: 'Include Pending Payments',
				name: 'includePendingPayments',
				type: 'boolean',
				default: false,
				description: 'Whether to include orders whose payment is still pending (Alephee leaves them out by default)',
				routing: query('includePendingPayments'),
			},
			{
				displayName: 'Integrated',
				name: 'integrated',
				type: 'options',
				options: INTEGRATION_CHOICES,
				default: 'any',
				description:
					"Whether to list orders whatever their integration with your ERP, or only those already integrated, or only those not yet integrated. Alephee's own filter has no \"any\" value, so Any asks Alephee twice (not integrated, then integrated).",
			},
			{
				displayName: 'Marketplace Name or ID',
				name: 'marketplaceId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getMarketplaces', loadOptionsDependsOn: ['accountId', 'accountId.value'] },
				default: '',
				description:
					'Only orders of this marketplace, among those connected to the account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: query('marketplaceId'),
			},
			{
				displayName: 'Marketplace Order Number From',
				name: 'externalOrderIdFrom',
				type: 'string',
				default: '',
				description: "Only orders whose marketplace order number (ExternalOrderId) is this one or later",
				routing: query('externalOrderIdFrom'),
			},
			{
				displayName: 'Marketplace Order Number To',
				name: 'externalOrderIdTo',
				type: 'string',
				default: '',
				description: "Only orders whose marketplace order number (ExternalOrderId) is this one or earlier",
				routing: query('externalOrderIdTo'),
			},
			{
				displayName: 'Order ID From',
				name: 'idFrom',
				type: 'string',
				default: '',
				placeholder: 'e.g. 987000',
				description: "Only orders whose Alephee internal ID is this one or higher",
				routing: query('idFrom'),
			},
			{
				displayName: 'Order ID To',
				name: 'idTo',
				type: 'string',
				default: '',
				placeholder: 'e.g. 987999',
				description: "Only orders whose Alephee internal ID is this one or lower",
				routing: query('idTo'),
			},
			{
				displayName: 'Sale Date After',
				name: 'saleDateFrom',
				type: 'dateTime',
				default: '',
				description:
					"Only orders sold from this date and time on. Sent to the minute in this workflow's time zone (Settings → Timezone), as Alephee's yyyy-mm-dd HH:mm: set the workflow's time zone to your Alephee account's.",
				routing: query('saleDateFrom'),
			},
			{
				displayName: 'Status Changed After',
				name: 'statusDateFrom',
				type: 'dateTime',
				default: '',
				description:
					"Only orders whose status changed from this date and time on. Sent to the minute in this workflow's time zone (Settings → Timezone), as Alephee's yyyy-mm-dd HH:mm: set the workflow's time zone to your Alephee account's.",
				routing: query('statusDateFrom'),
			},
			{
				displayName: 'Status Group',
				name: 'statusType',
				type: 'options',
				options: STATUS_GROUPS,
				default: 1,
				description: 'Only orders in this group of statuses. Deleted orders (70) belong to no group.',
				routing: query('statusType'),
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a flat summary of each order instead of the order as Alephee sends it',
		displayOptions: { show: showOnlyForOrderGetMany },
	},
	optionsField(showOnlyForOrderGetMany, [
		{
			displayName: 'Sort By',
			name: 'sort',
			type: 'string',
			default: '',
			placeholder: 'e.g. dateCreated',
			description:
				"One of the sorts Alephee lists in its answer's AvailableSorts (dateCreated, for example). Alephee sorts in ascending order only.",
			routing: query('sort'),
		},
	]),
];
