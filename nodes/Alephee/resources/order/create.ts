import type { IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { type Field, field } from '../../fields/field';
import { booleanRule, idRule, jsonListRule, jsonObjectRule, type Rule, textRule, timestampRule } from '../../fields/rules';
import { accountField, optionsCollection, simplifyProperty } from '../../shared/descriptions';
import { simplifyOrder } from '../../shared/order';
import { findOrders } from '../../shared/orderLookup';
import type { AlepheeOperation, Send } from '../../transport/operation';
import { failureError } from '../../transport/request';
import { itemsField, itemsJsonProperty, linesFromProperty, MAX_ITEMS } from './orderLines';

/** Documented caps of `POST /v2/orders` (the lines': orderLines.ts). */
const MAX_PAYMENTS = 10;
const MAX_DISCOUNTS_PER_PAYMENT = 5;

const marketplaceField: Field = field(
	{
		displayName: 'Marketplace or Channel Name or ID',
		name: 'marketplaceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMarketplaces', loadOptionsDependsOn: ['accountId', 'accountId.value'] },
		required: true,
		default: '',
		description:
			'The marketplace or channel the order comes from (Alephee\'s MarketplaceId), among those connected to the account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	idRule,
	{ reported: true },
);

const externalOrderIdField: Field = field(
	{
		displayName: 'External Order ID',
		name: 'externalOrderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. WEB-1001',
		description: "Your own order number (Alephee's ExternalOrderId). Unique in the account: an order with the same number is never created twice.",
	},
	textRule,
	{ identifies: true, reported: true },
);

const dateCreatedField: Field = field(
	{
		displayName: 'Date Created',
		name: 'dateCreated',
		type: 'dateTime',
		default: '',
		description:
			"When the order was placed. Empty: now. Sent as an ISO date-time with the workflow's time offset (Alephee asks for UTC with the local time zone; the exact format it accepts is not published).",
	},
	timestampRule,
	{ optional: false },
);

const integratedField: Field = field(
	{
		displayName: 'Integrated',
		name: 'integrated',
		type: 'boolean',
		default: false,
		description:
			"Whether to mark the order as already integrated with your ERP. Alephee's order list hides integrated orders unless asked (this node's Get Many and Get ask for both).",
	},
	booleanRule,
);

const erpStatusField: Field = field(
	{ displayName: 'ERP Status', name: 'erpStatus', type: 'string', default: '', description: 'Your own integration status for the order (Alephee\'s ErpStatus)' },
	textRule,
	{ optional: true },
);

const jsonSection = (displayName: string, name: string, example: string, rule: Rule): Field =>
	field(
		{
			displayName,
			name,
			type: 'json',
			required: true,
			default: example,
			description: `Alephee's ${name[0].toUpperCase()}${name.slice(1)} section, as JSON in Alephee's own shape. Its fields are listed on Alephee's developer portal (developers.alephee.com, Orders → Create an order); the node passes them as given and shows Alephee's message if it refuses them.`,
		},
		rule,
	);

const buyerField = jsonSection('Buyer (JSON)', 'buyer', '{}', jsonObjectRule);

const paymentsField = jsonSection(
	'Payments (JSON)',
	'payments',
	'[]',
	jsonListRule(1, MAX_PAYMENTS, (payment, position) => {
		const discounts = payment.Discounts;
		if (Array.isArray(discounts) && discounts.length > MAX_DISCOUNTS_PER_PAYMENT) {
			return `payment ${position + 1} has ${discounts.length} discounts; Alephee takes at most ${MAX_DISCOUNTS_PER_PAYMENT} per payment`;
		}
		return undefined;
	}),
);

const shippingField = jsonSection('Shipping (JSON)', 'shipping', '{}', jsonObjectRule);

const ifExistsProperty: INodeProperties = {
	displayName: 'If the External Order ID Exists',
	name: 'ifExists',
	type: 'options',
	default: 'fail',
	options: [
		{ name: 'Fail the Item', value: 'fail', description: 'The item fails, naming the existing order' },
		{ name: 'Return the Existing Order', value: 'returnExisting', description: 'Nothing is created; the item gets the order that exists' },
	],
	description: 'What to do when the account already has an order with this External Order ID (for example when a workflow runs again)',
};

/** The orders of the account with this External Order ID, whatever their integration or payment state. */
async function ordersWithExternalId(send: Send, externalOrderId: IDataObject[string]): Promise<IDataObject[]> {
	const query = { externalOrderIdFrom: externalOrderId, externalOrderIdTo: externalOrderId };
	return await findOrders(send, query, (order) => String(order.ExternalOrderId) === String(externalOrderId));
}

/**
 * The waits before reading a created order back again (seconds). Alephee answers 201 before its
 * list may show the order (a sync behind); a few short reads, paced like every request, usually
 * find it, and the item says so in words when they do not.
 */
export const READ_BACK_WAITS_SECONDS = [1, 2, 4];

function createdOutput(this: IExecutePaginationFunctions, order: IDataObject, created: boolean, stockMoved: boolean): IDataObject {
	const simplify = this.getNodeParameter('simplify', true) as boolean;
	return {
		created,
		orderId: order.Id,
		stockMoved,
		order: simplify ? simplifyOrder(order) : order,
	};
}

/**
 * `POST /v2/orders`: one order per item. Before sending, the account is asked whether the
 * External Order ID exists already, so running a workflow again never creates an order twice
 * (items of one run with the same number go one after the other). Alephee's 201 body is not
 * published: the new order is read back by its External Order ID for its internal ID.
 */
export const orderCreate: AlepheeOperation = {
	option: { name: 'Create', value: 'create', action: 'Create an order', description: 'Create an order in Alephee (only such orders can later be deleted)' },
	request: { method: 'POST', url: '/orders' },
	parameters: [
		accountField,
		{
			displayName:
				"Buyer, Payments and Shipping are sent in Alephee's own JSON shape, as listed on Alephee's developer portal (Create an order). The node checks the documented limits (1–50 items, 1–10 payments, at most 5 discounts per payment) before sending.",
			name: 'createNotice',
			type: 'notice',
			default: '',
		},
		marketplaceField,
		externalOrderIdField,
		linesFromProperty,
		itemsField,
		itemsJsonProperty,
		buyerField,
		paymentsField,
		shippingField,
		dateCreatedField,
		integratedField,
		erpStatusField,
		simplifyProperty('the order'),
		optionsCollection([], [ifExistsProperty]),
	],
	target: ({ accountId, externalOrderId }) => `external order ${accountId}/${externalOrderId}`,
	returns: { text: '{created, orderId (Alephee\'s internal order ID), stockMoved, order (the order as Alephee lists it)}; when Alephee has not listed the new order yet, listed: false and a note on how to get its ID later', keys: ['created', 'orderId', 'stockMoved'] },
	failureWording: ({ accountId, externalOrderId }) => ({
		inProgress: `creating order ${externalOrderId}`,
		accountId: accountId as number,
		uncertainOutcome: `Order ${externalOrderId} may or may not have been created`,
		notDone: `Order ${externalOrderId} was not created`,
		statuses: {
			400: {
				message: `Alephee refused to create order ${externalOrderId}`,
				advice:
					"Check the fields against Alephee's Create an order page (Buyer, Payments and Shipping in Alephee's shape; the SKUs in the catalog; Brand when a SKU is ambiguous).",
			},
			412: {
				message: `Alephee refused to create order ${externalOrderId}`,
				advice: 'The account may lack the "Work with orders" privilege, or the marketplace or channel is not one Alephee accepts for created orders.',
			},
			413: { message: `Alephee refused order ${externalOrderId} as too large`, advice: `An order takes at most ${MAX_ITEMS} items and ${MAX_PAYMENTS} payments. Nothing was created.` },
		},
	}),
	async perform({ send, values }) {
		const { accountId, externalOrderId } = values;
		const stockMoved = (values.items as IDataObject[]).some((item) => item.StockMovement === true);
		const existing = await ordersWithExternalId(send, externalOrderId);
		if (existing.length) {
			if (this.getNodeParameter('options.ifExists', 'fail') === 'returnExisting') {
				return [createdOutput.call(this, existing[0], false, false)];
			}
			throw failureError(
				this.getNode(),
				{
					message: `Order ${externalOrderId} already exists in account ${accountId} (Alephee order ${existing[0].Id})`,
					description:
						'Nothing was created: an External Order ID is unique in the account. To get the existing order instead of an error, set Options → If the External Order ID Exists to "Return the Existing Order".',
				},
				this.getItemIndex(),
			);
		}
		const body: IDataObject = {
			MarketplaceId: values.marketplaceId,
			ExternalOrderId: externalOrderId,
			Integrated: values.integrated,
			...(values.erpStatus === undefined ? {} : { ErpStatus: values.erpStatus }),
			DateCreated: values.dateCreated,
			Items: values.items,
			Buyer: values.buyer,
			Payments: values.payments,
			Shipping: values.shipping,
		};
		const answer = (await send({ body, json: true })).body as IDataObject | undefined;
		for (const waitSeconds of [0, ...READ_BACK_WAITS_SECONDS]) {
			if (waitSeconds) await sleep(waitSeconds * 1000);
			const [created] = await ordersWithExternalId(send, externalOrderId);
			if (created) return [createdOutput.call(this, created, true, stockMoved)];
		}
		// Alephee said 201 but its list still does not show the order: say so, and how to find it.
		const answeredId = answer && typeof answer === 'object' ? (answer.Id ?? answer.OrderId) : undefined;
		const waited = READ_BACK_WAITS_SECONDS.reduce((total, seconds) => total + seconds, 0);
		return [
			{
				created: true,
				listed: false,
				orderId: answeredId ?? null,
				externalOrderId,
				accountId,
				stockMoved,
				note: `Alephee created order ${String(externalOrderId)} but has not listed it yet (read back ${READ_BACK_WAITS_SECONDS.length + 1} times over ${waited} seconds), so its Alephee Order ID is not known yet. Do not create it again: later, run Create again with Options → If the External Order ID Exists → Return the Existing Order, or Order → Get Many with Marketplace Order Number From and To set to ${String(externalOrderId)}, to get its Order ID.`,
				answer: answer ?? null,
			},
		];
	},
};
