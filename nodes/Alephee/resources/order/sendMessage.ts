import type { INodePropertyOptions } from 'n8n-workflow';

import { type Field, field, withQuery } from '../../fields/field';
import { codeRule, textUpToRule } from '../../fields/rules';
import { successAnswer } from '../../shared/answer';
import { accountField, optionsCollection, orderIdField } from '../../shared/descriptions';
import { orderNotFound } from '../../shared/order';
import { fieldRefusal } from '../../fields/read';
import type { AlepheeOperation } from '../../transport/operation';


/** The longest text Alephee takes. */
const MAX_MESSAGE_LENGTH = 350;

/** `messageOptions` as Alephee documents them (its description of 5 is cut; values beyond 5 are not published). */
const MESSAGE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Request Variants (1)',
		value: 1,
		description:
			"Alephee's template asking the buyer to choose a variant. Only for cross docking and drop off shipments; in Spanish (Argentina, Chile, Colombia, Mexico, Uruguay) or Portuguese (Brazil).",
	},
	{ name: 'Request Billing Info (2)', value: 2, description: "Alephee's template asking the buyer for billing information" },
	{ name: 'Send Invoice Link (3)', value: 3, description: 'Your text (Message), with the link to the invoice. Mexico only.' },
	{ name: 'Other (4)', value: 4, description: 'Your own text (Message)' },
	{ name: 'Delivery Promise (5)', value: 5, description: "Alephee's template about the delivery promise" },
];

/** The options that send the user's text; the others send Alephee's fixed template. */
const OWN_TEXT_OPTIONS = [3, 4];

const messageOptionField: Field = field(
	{
		displayName: 'Message Option',
		name: 'messageOption',
		type: 'options',
		options: MESSAGE_OPTIONS,
		required: true,
		default: 4,
		description:
			"What kind of message to send. Send Invoice Link (3) and Other (4) send your Message; the others send Alephee's fixed template.",
	},
	codeRule(MESSAGE_OPTIONS.map((option) => option.value as number)),
	{ query: 'messageOptions', routed: false, reported: true },
);

const messageField: Field = field(
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: `The text for the buyer, at most ${MAX_MESSAGE_LENGTH} characters. Required for Send Invoice Link (3) and Other (4); the other options send Alephee's fixed template and this text is not sent.`,
	},
	{
		...textUpToRule(MAX_MESSAGE_LENGTH),
		expected: (label) =>
			`${label} must be text of at most ${MAX_MESSAGE_LENGTH} characters; it is required for Send Invoice Link (3) and Other (4).`,
	},
	{ optional: true },
);

/**
 * `POST /v2/orders/{orderId}/messages`: a message to the Mercado Libre buyer of one order, all in
 * the query (`accountId`, `orderId`, `message`, `messageOptions`). Attachments (`file`,
 * `fileBase64`) are not offered.
 */
export const orderSendMessage: AlepheeOperation = {
	option: {
		name: 'Send Message to Buyer',
		value: 'sendMessage',
		action: 'Send a message to the buyer of an order',
		description:
			"Send the buyer of a Mercado Libre order a message: Alephee's template (variants, billing info, delivery promise) or your own text of up to 350 characters",
	},
	request: { method: 'POST', url: '/orders/{orderId}/messages' },
	parameters: [
		accountField,
		withQuery(orderIdField, 'orderId'),
		{
			displayName:
				'Only for Mercado Libre orders. After a message, Mercado Libre accepts the next one only once the buyer has answered. Attachments are not supported.',
			name: 'sendMessageNotice',
			type: 'notice',
			default: '',
		},
		messageOptionField,
		messageField,
		optionsCollection(),
	],
	target: ({ accountId, orderId }) => `order ${accountId}/${orderId}`,
	returns: { text: '{sent: true, accountId, orderId, messageOption, messageOptionName} (and messageText for a message of your own)', keys: ['sent', 'accountId', 'orderId', 'messageOption', 'messageOptionName'] },
	failureWording: ({ accountId, orderId }) => ({
		inProgress: `sending a message to the buyer of order ${orderId}`,
		accountId: accountId as number,
		uncertainOutcome: 'The message may or may not have been sent',
		notDone: `No message was sent to the buyer of order ${orderId}`,
		statuses: {
			400: {
				message: `Alephee rejected the message to the buyer of order ${orderId} as invalid`,
				advice: `Check Message Option, and that Message (at most ${MAX_MESSAGE_LENGTH} characters) is given for Send Invoice Link and Other.`,
			},
			404: orderNotFound(orderId, accountId),
			// Alephee lists 409 Conflict for this endpoint without saying when; the rule it documents
			// that fits a conflict is "no new message before the buyer answered" (our reading).
			409: {
				message: `Alephee refused the message: the buyer has not answered the last one yet (order ${orderId})`,
				advice:
					'Mercado Libre accepts a new message only once the buyer has answered the last one: run it again after the buyer replies. (Alephee answered 409 Conflict; reading it as this case is ours, Alephee does not say.)',
			},
			412: {
				message: `Alephee refused to send the message to the buyer of order ${orderId}`,
				advice:
					'Messages go only to buyers of Mercado Libre orders; Request Variants only for cross docking and drop off shipments, Send Invoice Link only in Mexico.',
			},
		},
	}),
	async perform({ send, values, reported }) {
		const { messageOption, message } = values;
		const ownText = OWN_TEXT_OPTIONS.includes(messageOption as number);
		if (ownText && message === undefined) throw fieldRefusal(this.getNode(), this.getItemIndex(), messageField, 'it is empty');
		// The templates ignore any text (Alephee's rule), so none is sent with them.
		const response = await send({ qs: ownText ? { message } : {} });
		const option = MESSAGE_OPTIONS.find((candidate) => candidate.value === messageOption);
		return [
			{
				sent: true,
				...reported,
				messageOptionName: option?.name.replace(/ \(\d+\)$/, ''),
				// Not `message`: on a failed item that key holds the error's explanation.
				...(ownText ? { messageText: message } : {}),
				...successAnswer(response.body),
			},
		];
	},
};
