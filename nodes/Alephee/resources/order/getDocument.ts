import { type Field, field } from '../../fields/field';
import { choiceRule } from '../../fields/rules';
import { accountField, optionsCollection, orderIdField } from '../../shared/descriptions';
import { DOCUMENT_TYPES, describeDocumentType, documentTypeField } from '../../shared/documents';
import { downloadFile, outputFileField } from '../../shared/files';
import type { AlepheeOperation } from '../../transport/operation';


const documentFormatField: Field = field(
	{
		displayName: 'Document Format',
		name: 'documentFormat',
		type: 'options',
		options: [
			{ name: 'PDF', value: 'pdf' },
			{ name: 'XML', value: 'xml' },
		],
		default: 'pdf',
		description: 'The format to get the document in (Alephee offers PDF and XML)',
	},
	choiceRule(['pdf', 'xml']),
	{ query: 'documentFormat', reported: true },
);

const outputField = outputFileField();

/**
 * `GET /v2/orders/{orderId}/documents`: a document attached to the order, as a file. Alephee's
 * page says a sentence about not sending `documentFormat` for some type, cut before it names the
 * type; the format is always sent, as the page marks it required, and Alephee's answer is shown.
 */
export const orderGetDocument: AlepheeOperation = {
	option: {
		name: 'Get Document',
		value: 'getDocument',
		action: 'Get a document of an order',
		description: "Get an invoice, receipt or NF-e attached to an order, as a file",
	},
	request: { method: 'GET', url: '/orders/{orderId}/documents' },
	parameters: [
		accountField,
		orderIdField,
		documentTypeField,
		documentFormatField,
		outputField,
		optionsCollection(),
	],
	returns: { text: 'the document as a binary file (property data), with {accountId, orderId, documentType, documentFormat, fileName}', keys: ['accountId', 'orderId', 'documentType', 'documentFormat', 'fileName'] },
	failureWording: ({ accountId, orderId, documentType, documentFormat }) => ({
		inProgress: `downloading the ${describeDocumentType(documentType)} of order ${orderId}`,
		accountId: accountId as number,
		statuses: {
			404: {
				message: `Alephee has no ${describeDocumentType(documentType)} in ${String(documentFormat).toUpperCase()} for order ${orderId}`,
				advice: `Check that a document of this type was attached to the order in this format, and that Order ID is Alephee's internal order ID in account ${accountId}.`,
			},
		},
	}),
	async perform({ send, values: { accountId, orderId, documentType, documentFormat, binaryPropertyName } }) {
		const file = await downloadFile.call(this, send, {
			binaryField: binaryPropertyName as string,
			json: { orderId, accountId, documentType, documentFormat },
			fallbackName: `${DOCUMENT_TYPES[documentType as number].slug}-${orderId}.${documentFormat}`,
		});
		return [file];
	},
};
