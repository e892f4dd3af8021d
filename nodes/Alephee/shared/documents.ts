/**
 * Alephee's order documents (`/v2/orders/{orderId}/documents`): the document types and the file
 * formats each takes, as its "allowed document types and formats" page lists them.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { type Field, field } from '../fields/field';
import { codeRule } from '../fields/rules';

export interface DocumentType {
	name: string;
	/** For file names: `invoice-987654.pdf`. */
	slug: string;
	/** The file extensions Alephee takes for it, lower case. */
	extensions: string[];
}

export const DOCUMENT_TYPES: Record<number, DocumentType> = {
	0: { name: 'Invoice', slug: 'invoice', extensions: ['pdf', 'jpg', 'jpeg', 'png'] },
	1: { name: 'Receipt', slug: 'receipt', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'xml'] },
	2: { name: 'NF-e', slug: 'nfe', extensions: ['xml'] },
};

const DOCUMENT_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Invoice (0)', value: 0, description: 'PDF, JPG, JPEG or PNG. Sent on to Mercado Libre, which notifies the buyer.' },
	{ name: 'Receipt (1)', value: 1, description: 'PDF, JPG, JPEG, PNG or XML. Kept in Alephee only, never sent to a marketplace.' },
	{
		name: 'Electronic Fiscal Invoice (2)',
		value: 2,
		description: "Brazil's NF-e: XML (model 55). Sent on to Mercado Livre (except fulfillment shipments), B2W and E-COMM.",
	},
];

/** "Invoice (0)": a document type with its code, for messages. */
export const describeDocumentType = (code: unknown): string => `${DOCUMENT_TYPES[code as number]?.name ?? 'document'} (${String(code)})`;

/** "PDF, JPG, JPEG or PNG". */
export function formatsOf(type: DocumentType): string {
	const names = type.extensions.map((extension) => extension.toUpperCase());
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
}

/** Document Type: one property for the operations that attach or read a document. */
export const documentTypeField: Field = field(
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		options: DOCUMENT_TYPE_OPTIONS,
		required: true,
		default: 0,
		description: 'The kind of document, as Alephee files it',
	},
	codeRule([0, 1, 2]),
	{ query: 'documentType', reported: true },
);
