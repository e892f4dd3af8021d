import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { type Field, field } from '../../fields/field';
import { codeRule, textRule } from '../../fields/rules';
import { accountField, optionsCollection, orderIdField } from '../../shared/descriptions';
import { describeStatus, ORDER_STATUS_NAMES, orderNotFound } from '../../shared/order';
import type { AlepheeOperation } from '../../transport/operation';
import { failureError } from '../../transport/request';


const STATUS_CANCELLED = 90;

/** The statuses `PUT /v2/orders` accepts, as its documentation names them. */
const SETTABLE_STATUSES: INodePropertyOptions[] = [
	{ name: 'To Be Shipped (10)', value: 10 },
	{ name: 'Arrived at Pickup Point (17)', value: 17 },
	{ name: 'Shipped (20)', value: 20 },
	{ name: 'Delivered (80)', value: 80 },
	{ name: 'Cancelled (90)', value: STATUS_CANCELLED, description: 'Only for orders created through the Alephee API' },
];

const statusField: Field = field(
	{
		displayName: 'New Status',
		name: 'status',
		type: 'options',
		options: SETTABLE_STATUSES,
		required: true,
		default: 20,
		description: 'The status to give the order. Orders whose shipping the marketplace tracks get their status from it.',
	},
	codeRule(SETTABLE_STATUSES.map((option) => option.value as number)),
);

const trackingNumberField: Field = field(
	{ displayName: 'Tracking Number', name: 'trackingNumber', type: 'string', default: '', description: "The shipment's tracking number, if it has one" },
	textRule,
	{ optional: true },
);

const trackingStatusField: Field = field(
	{
		displayName: 'Tracking Status',
		name: 'trackingStatus',
		type: 'string',
		default: '',
		description: "The shipment's tracking status, as your carrier reports it",
	},
	textRule,
	{ optional: true },
);

/** One result per order sent: `{OrderStatus: <what was sent>, Status: <code>, Message}`. */
interface OrderStatusResult {
	OrderStatus?: { OrderId?: number };
	Status?: number;
	Message?: string;
}

/**
 * `PUT /v2/orders`, one order per item. Alephee answers 200 for the call and a result per order,
 * so the order's own result decides whether the item succeeded.
 */
export const orderUpdateStatus: AlepheeOperation = {
	option: {
		name: 'Update Status',
		value: 'updateStatus',
		action: 'Update the status of an order',
		description: "Change an order's status, optionally with its tracking number",
	},
	request: { method: 'PUT', url: '/orders' },
	parameters: [
		accountField,
		orderIdField,
		statusField,
		trackingNumberField,
		trackingStatusField,
		optionsCollection(),
	],
	target: ({ accountId, orderId }) => `order ${accountId}/${orderId}`,
	returns: { text: '{updated: true, accountId, orderId, status, statusName} (and the tracking given)', keys: ['updated', 'accountId', 'orderId', 'status', 'statusName'] },
	failureWording: ({ accountId, orderId, status }) => ({
		inProgress: `changing the status of order ${orderId} to ${describeStatus(status as number)}`,
		accountId: accountId as number,
		uncertainOutcome: "The order's status may or may not have changed",
		notDone: `The status of order ${orderId} was not changed`,
		statuses: {
			304: {
				message: `The status of order ${orderId} was not changed: Alephee reported nothing to change`,
				advice: 'Open the order in Alephee to see its current status; it may have it already.',
			},
			404: orderNotFound(orderId, accountId),
			412: {
				message: `Alephee refused to change the status of order ${orderId} to ${describeStatus(status as number)}`,
				advice:
					status === STATUS_CANCELLED
						? 'Cancelled (90) applies only to orders created through the Alephee API; orders of a natively connected marketplace are cancelled there.'
						: 'Orders whose shipping the marketplace tracks get their status from it, and not every change is allowed from every status.',
			},
		},
	}),
	async perform({ send, values, answerFailure }) {
		const { accountId, orderId, status, trackingNumber, trackingStatus } = values;
		const sent: IDataObject = { OrderId: orderId, Status: status };
		if (trackingNumber !== undefined || trackingStatus !== undefined) {
			sent.Tracking = { Number: trackingNumber, Status: trackingStatus };
		}
		const answer = (await send({ body: [sent], json: true })).body as { Results?: OrderStatusResult[] };
		const results = Array.isArray(answer?.Results) ? answer.Results : [];
		const result = results.find((candidate) => Number(candidate.OrderStatus?.OrderId) === orderId) ?? results[0];
		const wording = orderUpdateStatus.failureWording(values);
		if (!result || typeof result.Status !== 'number') {
			throw failureError(
				this.getNode(),
				{
					message: `Alephee sent no result for order ${orderId}`,
					description: `${wording.uncertainOutcome}: check it in Alephee before running this item again.`,
				},
				this.getItemIndex(),
			);
		}
		if (result.Status < 200 || result.Status >= 300) throw answerFailure(result.Status, result);
		return [
			{
				updated: true,
				orderId,
				accountId,
				status,
				statusName: ORDER_STATUS_NAMES[status as number],
				...(trackingNumber === undefined ? {} : { trackingNumber }),
				...(trackingStatus === undefined ? {} : { trackingStatus }),
				...(result.Message ? { alepheeMessage: result.Message } : {}),
			},
		];
	},
};
