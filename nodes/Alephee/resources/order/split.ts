import type { INodePropertyOptions } from 'n8n-workflow';

import { type Field, field, withQuery } from '../../fields/field';
import { codeRule } from '../../fields/rules';
import { successAnswer } from '../../shared/answer';
import { accountField, optionsCollection, orderIdField } from '../../shared/descriptions';
import { orderNotFound } from '../../shared/order';
import type { StatusWords } from '../../transport/failureWording';
import type { AlepheeOperation } from '../../transport/operation';


/** `splitReasonId` as Alephee documents it. */
const SPLIT_REASONS: INodePropertyOptions[] = [
	{ name: 'Fragile (1)', value: 1 },
	{ name: 'Another Warehouse (2)', value: 2 },
	{ name: 'Irregular Shape (3)', value: 3 },
	{ name: 'Other Motive (4)', value: 4 },
];

/** Alephee's documented preconditions, as a refusal's advice states them. */
const SPLIT_PRECONDITIONS =
	'Alephee splits only an order of a Mercado Libre cart (orders pack) that holds more than one order, that is not delivered, and whose shipping label is not in substate PENDING or STALE.';

const splitReasonField: Field = field(
	{
		displayName: 'Split Reason',
		name: 'splitReason',
		type: 'options',
		options: SPLIT_REASONS,
		required: true,
		default: 1,
		description: 'Why this order needs its own shipment',
	},
	codeRule(SPLIT_REASONS.map((option) => option.value as number)),
	{ query: 'splitReasonId', routed: false, reported: true },
);

/**
 * `POST /v2/orders/{orderId}/split`: takes one order out of its Mercado Libre cart, so it gets
 * its own shipment and label. Which codes Alephee answers a refusal with is not documented, so
 * every refusal (400, 409, 412, 422) is worded with the documented preconditions and Alephee's
 * own message.
 */
export const orderSplit: AlepheeOperation = {
	option: {
		name: 'Split Cart Order',
		value: 'split',
		action: 'Split an order out of its cart',
		description:
			'Give one order of a Mercado Libre cart (several orders bought together) its own shipment and label; its PackId and ExternalShippingId change',
	},
	request: { method: 'POST', url: '/orders/{orderId}/split' },
	parameters: [
		accountField,
		withQuery(orderIdField, 'orderId'),
		{
			displayName:
				'Only for an order of a Mercado Libre cart with more than one order, not delivered, whose label is not pending. Mercado Libre may take a while to show the new shipment: Get the order again until its PackId changes.',
			name: 'splitNotice',
			type: 'notice',
			default: '',
		},
		splitReasonField,
		optionsCollection(),
	],
	target: ({ accountId, orderId }) => `order ${accountId}/${orderId}`,
	returns: { text: '{split: true, accountId, orderId, splitReason, splitReasonName}', keys: ['split', 'accountId', 'orderId', 'splitReason', 'splitReasonName'] },
	failureWording: ({ accountId, orderId }) => {
		const refused: StatusWords = { message: `Alephee refused to split order ${orderId}`, advice: SPLIT_PRECONDITIONS };
		return {
			inProgress: `splitting order ${orderId} out of its cart`,
			accountId: accountId as number,
			uncertainOutcome: 'The order may or may not have been split',
			notDone: `Order ${orderId} was not split`,
			statuses: { 400: refused, 404: orderNotFound(orderId, accountId), 409: refused, 412: refused, 422: refused },
		};
	},
	async perform({ send, values, reported }) {
		const response = await send();
		const reason = SPLIT_REASONS.find((candidate) => candidate.value === values.splitReason);
		return [
			{
				split: true,
				...reported,
				splitReasonName: reason?.name.replace(/ \(\d+\)$/, ''),
				...successAnswer(response.body),
			},
		];
	},
};
