import type { INodePropertyOptions } from 'n8n-workflow';

import { type Field, field } from '../../fields/field';
import { choiceRule } from '../../fields/rules';
import { accountField, optionsCollection, orderIdField } from '../../shared/descriptions';
import { downloadFile, outputFileField } from '../../shared/files';
import type { AlepheeOperation } from '../../transport/operation';


/** Alephee's `format` values; ZPL is its `TXT`. */
const LABEL_FORMATS: INodePropertyOptions[] = [
	{ name: 'PDF', value: 'PDF', description: 'The label as a PDF file, for standard printers' },
	{ name: 'ZIP', value: 'ZIP', description: "The ZPL label and a PDF of the marketplace's control receipt, in a ZIP file" },
	{ name: 'ZPL for Zebra Printers', value: 'TXT', description: "The label in ZPL, as a text file (Alephee's TXT format)" },
];

/** File extensions of the formats, for the file name when Alephee's answer gives none (ZPL is text). */
const EXTENSIONS: Record<string, string> = { PDF: 'pdf', ZIP: 'zip', TXT: 'txt' };

const formatField: Field = field(
	{ displayName: 'Format', name: 'format', type: 'options', options: LABEL_FORMATS, default: 'PDF', description: 'The file to get' },
	choiceRule(['PDF', 'ZIP', 'TXT'], { ZPL: 'TXT' }),
	{ query: 'format', reported: true },
);

const outputField = outputFileField();

/**
 * `GET /v2/orders/{orderId}/shippinglabel`: the label as a file. Alephee gives it once the
 * marketplace marks the shipment ready to print; which status it answers before that (404 or
 * 412) is not published, so both are worded as "not available (yet)", with Alephee's message.
 */
export const orderDownloadShippingLabel: AlepheeOperation = {
	option: {
		name: 'Download Shipping Label',
		value: 'downloadShippingLabel',
		action: 'Download the shipping label of an order',
		description: "Get an order's shipping label as a file (PDF, ZIP, or ZPL for Zebra printers)",
	},
	request: { method: 'GET', url: '/orders/{orderId}/shippinglabel' },
	parameters: [
		accountField,
		orderIdField,
		{
			displayName:
				'The label is available once the marketplace marks the shipment ready to print: after the payment is processed, and in Brazil only after the NF-e is attached to the order.',
			name: 'shippingLabelNotice',
			type: 'notice',
			default: '',
		},
		formatField,
		outputField,
		optionsCollection(),
	],
	returns: { text: 'the label as a binary file (property data), with {accountId, orderId, format, fileName}', keys: ['accountId', 'orderId', 'format', 'fileName'] },
	failureWording: ({ accountId, orderId }) => {
		const notAvailable = {
			message: `The label of order ${orderId} is not available (yet)`,
			advice: `Alephee gives the label once the marketplace marks the shipment ready to print (status ready_to_ship, substatus ready_to_print or printed): after the payment is processed, and in Brazil only after the NF-e is attached to the order (Attach Document, Electronic Fiscal Invoice) and the marketplace has updated the order. Run it again then. Also check that Order ID is Alephee's internal order ID in account ${accountId}.`,
		};
		return {
			inProgress: `downloading the shipping label of order ${orderId}`,
			accountId: accountId as number,
			statuses: { 404: notAvailable, 412: notAvailable },
		};
	},
	async perform({ send, values: { accountId, orderId, format, binaryPropertyName } }) {
		const file = await downloadFile.call(this, send, {
			binaryField: binaryPropertyName as string,
			json: { orderId, accountId, format },
			fallbackName: `label-${orderId}.${EXTENSIONS[format as string]}`,
		});
		return [file];
	},
};
