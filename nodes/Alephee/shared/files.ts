/**
 * Files to and from Alephee (shipping labels, order documents): the binary fields they come from
 * or go to, and reading a file out of Alephee's answer. Alephee does not publish the
 * `Content-Type` or file-name header of its file answers, so both are read when present, and the
 * operation's own name and type are used when not.
 */
import type { IBinaryData, IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { type Field, field } from '../fields/field';
import { refusedField } from '../fields/read';
import { textRule } from '../fields/rules';
import { OutputWithFile, type Send } from '../transport/operation';
import { bytesOf } from '../transport/bytes';
import { hasSignature, looksLike, withArticle } from './fileFormats';
import { failureError } from '../transport/request';

/** MIME types by file extension, for the formats Alephee names. */
const MIME_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	zip: 'application/zip',
	zpl: 'text/plain',
	txt: 'text/plain',
	xml: 'application/xml',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
};

/** Extensions by MIME type, for an input file whose name has none. */
const EXTENSIONS: Record<string, string> = {
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'application/xml': 'xml',
	'text/xml': 'xml',
};

export const mimeTypeOf = (extension: string): string => MIME_TYPES[extension] ?? 'application/octet-stream';

/** The output binary field an operation puts its file in. */
export function outputFileField(): Field {
	return field(
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
		},
		textRule,
	);
}

/** The input binary field an operation reads its file from. */
export function inputFileField(what: string): Field {
	return field(
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: `The name of the input binary field containing ${what}`,
		},
		textRule,
	);
}

/** A file of the input item: its n8n description and its extension (from its name, else its MIME type). */
export interface InputFile {
	binary: IBinaryData;
	/** Lower case, without the dot; empty when neither the name nor the MIME type tells it. */
	extension: string;
}

/** The file in the item's binary field `name`; a missing one fails the item before anything is sent. */
export function readInputFile(this: IExecutePaginationFunctions, label: string, name: string): InputFile {
	let binary: IBinaryData;
	try {
		binary = this.helpers.assertBinaryData(name);
	} catch {
		const present = Object.keys(this.getInputData().binary ?? {});
		const has = present.length ? `The item's binary fields: ${present.map((one) => `"${one}"`).join(', ')}.` : 'The item has no binary field.';
		const advice = `${has} Give the name of the binary field that holds the file (the previous node shows it under Binary). Nothing was sent to Alephee.`;
		throw refusedField(this.getNode(), this.getItemIndex(), label, `the item has no binary field "${name}"`, advice);
	}
	const fromName = /\.([A-Za-z0-9]+)$/.exec(binary.fileName ?? '')?.[1];
	const mimeType = String(binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	const extension = (fromName ?? binary.fileExtension ?? EXTENSIONS[mimeType] ?? '').toLowerCase();
	return { binary, extension };
}

/**
 * Asks Alephee for a file (`url`, with the operation's query) and returns it as one output item:
 * `json` and the file's name, with the file in the binary field `binaryField`. The name and type
 * are the answer's when it gives them (`Content-Disposition`, `Content-Type`), else `fallback`'s.
 */
export async function downloadFile(
	this: IExecutePaginationFunctions,
	send: Send,
	request: { binaryField: string; json: IDataObject; fallbackName: string },
): Promise<OutputWithFile> {
	const response = await send({ encoding: 'arraybuffer', json: false, headers: { Accept: '*/*' } });
	const bytes = asBuffer(response.body);
	if (bytes.length === 0) {
		throw failureError(
			this.getNode(),
			{
				message: `Alephee answered without a file (${request.fallbackName})`,
				description: 'The answer was empty. Nothing was changed in Alephee (this only reads data): run it again later; if it keeps happening, contact Alephee support.',
			},
			this.getItemIndex(),
		);
	}
	const extension = request.fallbackName.split('.').pop() ?? '';
	const file = fileInAnswer(bytes, extension);
	if (!file) {
		const format = withArticle(extension.toUpperCase());
		throw failureError(
			this.getNode(),
			{
				message: `Alephee's answer is not ${format} file (${request.fallbackName})`,
				description: `Alephee answered ${bytes.length} bytes that are neither ${format} file nor ${format} file encoded as base64 text, so no file was saved. Nothing was changed in Alephee (this only reads data): run it again later; if it keeps happening, contact Alephee support with the order ID.`,
			},
			this.getItemIndex(),
		);
	}
	const headers = response.headers ?? {};
	const fileName = fileNameOf(headers['content-disposition']) ?? request.fallbackName;
	const answeredType = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const generic = !answeredType || answeredType === 'application/octet-stream' || answeredType === 'binary/octet-stream';
	// Decoded from base64, the answer's type was the text's: the file's is the format's.
	const mimeType = generic || file.decoded ? mimeTypeOf(extension) : answeredType;
	const binary = await this.helpers.prepareBinaryData(file.bytes, fileName, mimeType);
	return new OutputWithFile({ ...request.json, fileName }, { [request.binaryField]: binary });
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The base64 text of an answer, bare or as a JSON string, without white space; else undefined. */
function base64TextOf(bytes: Buffer): string | undefined {
	let text = bytes.toString('utf8').trim();
	if (text.startsWith('"')) {
		try {
			const inner: unknown = JSON.parse(text);
			text = typeof inner === 'string' ? inner : '';
		} catch {
			return undefined;
		}
	}
	const compact = text.replace(/\s+/g, '');
	return compact.length > 0 && compact.length % 4 === 0 && BASE64.test(compact) ? compact : undefined;
}

/**
 * The file in Alephee's answer: the bytes as they came when they are a file of the format, else
 * the base64 text they hold, bare or as a JSON string (Alephee documents the label's answer as
 * "File or base64 encoded string"), decoded when that gives a file of the format; else none.
 * ZPL has no signature: its text is decoded only when it is base64.
 */
export function fileInAnswer(bytes: Buffer, extension: string): { bytes: Buffer; decoded: boolean } | undefined {
	const signed = hasSignature(extension);
	if (signed && looksLike(extension, bytes)) return { bytes, decoded: false };
	const text = base64TextOf(bytes);
	const decoded = text === undefined ? undefined : Buffer.from(text, 'base64');
	if (decoded && looksLike(extension, decoded)) return { bytes: decoded, decoded: true };
	return signed ? undefined : { bytes, decoded: false };
}

function asBuffer(body: unknown): Buffer {
	return bytesOf(body) ?? Buffer.from(typeof body === 'string' ? body : '');
}

/** The file name of a `Content-Disposition` header (`filename*=UTF-8''…` first), without any folder. */
export function fileNameOf(disposition: unknown): string | undefined {
	const text = Array.isArray(disposition) ? String(disposition[0] ?? '') : String(disposition ?? '');
	const extended = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(text)?.[1];
	let name: string | undefined;
	if (extended) {
		try {
			name = decodeURIComponent(extended.trim());
		} catch {
			name = undefined;
		}
	}
	name ??= /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(text)?.slice(1).find((part) => part !== undefined);
	const base = name?.replace(/\\(.)/g, '$1').split(/[\\/]/).pop()?.trim();
	return base || undefined;
}
