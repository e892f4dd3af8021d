import type { INodeProperties } from 'n8n-workflow';

import { collectionOf, field } from '../../fields/field';
import { refusedField } from '../../fields/read';
import { type Rule, textRule, timestampRule } from '../../fields/rules';
import { accountField, optionsCollection, orderIdField, textProperty } from '../../shared/descriptions';
import { DOCUMENT_TYPES, describeDocumentType, documentTypeField, formatsOf } from '../../shared/documents';
import { inputFileProblem, withArticle } from '../../shared/fileFormats';
import { inputFileField, mimeTypeOf, readInputFile } from '../../shared/files';
import { orderNotFound } from '../../shared/order';
import type { AlepheeOperation } from '../../transport/operation';


const inputField = inputFileField('the document to attach');

/** Alephee's page cuts the descriptions of these parameters: each is sent as given. */
/** Optional metadata: a query parameter of its own name, reported in the output as sent. */
const metadata = (property: INodeProperties, rule: Rule) => field(property, rule, { query: property.name, optional: true, reported: true });
/** A text whose meaning Alephee does not publish: sent as given. */
const unpublished = (displayName: string, name: string, description: string) =>
	textProperty(displayName, name, `${description}. Alephee's description of it is not published; sent as given.`);

const additionalFields = collectionOf({ displayName: 'Additional Fields', name: 'additionalFields', placeholder: 'Add Field' }, [
	metadata(
		{
			displayName: 'Document Date',
			name: 'documentDate',
			type: 'dateTime',
			default: '',
			description: "The document's date, sent as an ISO 8601 date-time in the workflow's time zone. Alephee's description of it is not published; sent as given.",
		},
		timestampRule,
	),
	metadata(unpublished('Document Number', 'documentNumber', "The document's number"), textRule),
	metadata(unpublished('Fiscal Key', 'fiscalKey', "The document's fiscal key (for an NF-e, probably its access key)"), textRule),
	metadata(unpublished('Message Text', 'messageText', 'A text to go with the document'), textRule),
	metadata(unpublished('Series Number', 'seriesNumber', "The document's series number"), textRule),
]);

/**
 * `POST /v2/orders/{orderId}/documents`, the form-data way: the file in the form field `file`,
 * the rest as query parameters. The file's format is checked against the document type before
 * anything is sent. Alephee does not publish this call's answers: any 2xx is "attached", and
 * whatever it sends back is passed on.
 */
export const orderAttachDocument: AlepheeOperation = {
	option: {
		name: 'Attach Document',
		value: 'attachDocument',
		action: 'Attach a document to an order',
		description: 'Attach an invoice, receipt or NF-e file to an order',
	},
	request: { method: 'POST', url: '/orders/{orderId}/documents' },
	parameters: [accountField, orderIdField, documentTypeField, inputField, additionalFields, optionsCollection()],
	target: ({ accountId, orderId }) => `order ${accountId}/${orderId}`,
	returns: { text: '{attached: true, accountId, orderId, documentType, fileName}', keys: ['attached', 'accountId', 'orderId', 'documentType', 'fileName'] },
	failureWording: ({ accountId, orderId, documentType }) => ({
		inProgress: `attaching the ${describeDocumentType(documentType)} to order ${orderId}`,
		accountId: accountId as number,
		uncertainOutcome: 'The document may or may not have been attached',
		notDone: `No document was attached to order ${orderId}`,
		statuses: {
			400: {
				message: `Alephee rejected the ${describeDocumentType(documentType)} for order ${orderId}`,
				advice: 'Check Document Type, the file and the additional fields. Nothing was attached.',
			},
			404: orderNotFound(orderId, accountId),
			412: {
				message: `Alephee refused to attach the ${describeDocumentType(documentType)} to order ${orderId}`,
				advice: 'Alephee does not publish when it refuses a document; its message says why.',
			},
			413: {
				message: `Alephee refused the ${describeDocumentType(documentType)} for order ${orderId} as too large`,
				advice: "Nothing was attached. Alephee's largest file size is not published: send a smaller file.",
			},
		},
	}),
	async perform({ send, values, reported }) {
		const { orderId, documentType, binaryPropertyName } = values;
		const type = DOCUMENT_TYPES[documentType as number];
		const { binary, extension } = readInputFile.call(this, inputField.label, binaryPropertyName as string);
		if (!type.extensions.includes(extension)) {
			const file = binary.fileName ? `"${binary.fileName}"` : 'the file';
			const format = extension ? `${file} is ${extension.toUpperCase()}` : `the format of ${file} is not known`;
			const takes = Object.values(DOCUMENT_TYPES)
				.map((one) => `${one.name}: ${formatsOf(one)}`)
				.join('; ');
			const advice = `Alephee takes ${takes}. The format is read from the file name's extension, else from its MIME type (${binary.mimeType}). Check Document Type and the file in the binary field "${binaryPropertyName}". Nothing was sent to Alephee.`;
			throw refusedField(this.getNode(), this.getItemIndex(), inputField.label, `${format}; ${type.name} takes ${formatsOf(type)}`, advice);
		}
		const fileName = /\.[A-Za-z0-9]+$/.test(binary.fileName ?? '') ? binary.fileName! : `${binary.fileName ?? `${type.slug}-${orderId}`}.${extension}`;
		const mimeType = binary.mimeType || mimeTypeOf(extension);
		const bytes = await this.helpers.getBinaryDataBuffer(binaryPropertyName as string);
		// Mercado Libre tells the buyer when an invoice is attached: never an empty or broken file.
		const problem = inputFileProblem(extension, bytes);
		if (problem) {
			const advice = `The file in the binary field "${binaryPropertyName}" (${bytes.length} bytes) cannot be ${withArticle(extension.toUpperCase())} ${type.name}. Check the node that made the file (it may have failed, or saved an error page). Nothing was sent to Alephee.`;
			throw refusedField(this.getNode(), this.getItemIndex(), inputField.label, `${binary.fileName ? `"${binary.fileName}"` : 'the file'} ${problem}`, advice);
		}
		const form = new FormData();
		form.append('file', new Blob([bytes], { type: mimeType }), fileName);
		const answer = (await send({ body: form })).body;
		const answered = answer !== undefined && answer !== null && answer !== '';
		return [{ attached: true, ...reported, fileName, ...(answered ? { alepheeAnswer: answer } : {}) }];
	},
};
