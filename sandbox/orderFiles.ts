/**
 * Shipping labels and order documents, following ../shared/alephee/lifecycle-endpoints.md §3–4:
 * - `GET /v2/orders/{orderId}/shippinglabel?format=TXT|ZIP|PDF`: the label as a file, only when
 *   the order's shipment is `ready_to_ship` with substatus `ready_to_print` or `printed`;
 * - `POST /v2/orders/{orderId}/documents?documentType=0|1|2`: the document in the multipart form
 *   field `file`, in a format its type allows, metadata in the query;
 * - `GET /v2/orders/{orderId}/documents?documentType=…&documentFormat=pdf|xml`: the document back.
 * Where the documentation is silent (status codes, headers, answers), each choice is said below.
 */
import type { SandboxOrder } from './orderStore';
import { ApiRefusal, requiredInteger } from './queryParameters';

/** A shipment's state as the marketplace (Mercado Libre's words) gives it. */
export interface Shipment {
	status: string;
	substatus?: string | null;
}

/** Until a test says otherwise, a shipment is not ready: the label cannot be downloaded. */
export const DEFAULT_SHIPMENT: Shipment = { status: 'pending', substatus: null };

const LABEL_READY_STATUS = 'ready_to_ship';
const LABEL_READY_SUBSTATUSES = ['ready_to_print', 'printed'];

/** The document types and the formats each takes ("allowed document types and formats"). */
export const DOCUMENT_FORMATS: Readonly<Record<number, readonly string[]>> = {
	0: ['pdf', 'jpg', 'jpeg', 'png'],
	1: ['pdf', 'jpg', 'jpeg', 'png', 'xml'],
	2: ['xml'],
};

/** A file as the sandbox answers it. Content type and file name header are the sandbox's choice: Alephee publishes neither. */
export interface FileAnswer {
	contentType: string;
	fileName: string;
	bytes: Buffer;
}

export interface StoredDocument extends FileAnswer {
	documentType: number;
	/** The extension of the file name sent, lower case. */
	extension: string;
	/** The query parameters sent with it, but the key. */
	metadata: Record<string, string>;
}

const CONTENT_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	xml: 'application/xml',
};

/** What the sandbox needs of a request to one of these routes. */
export interface FileRequest {
	endpoint: 'GET /v2/orders/{orderId}/shippinglabel' | 'POST /v2/orders/{orderId}/documents' | 'GET /v2/orders/{orderId}/documents';
	accountId: number;
	/** As in the path. */
	orderId: string;
	query: Record<string, string>;
	contentType?: string;
	rawBody: Buffer;
	findOrder(orderId: number): SandboxOrder | undefined;
}

export type FileRouteAnswer = { status: number; body?: unknown; file?: FileAnswer };

export class OrderFiles {
	private readonly shipments = new Map<string, Shipment>();

	/** Every document sent, by order and type, oldest first. */
	private readonly documents = new Map<string, StoredDocument[]>();

	setShipment(accountId: number, orderId: number, shipment: Shipment): void {
		this.shipments.set(`${accountId}/${orderId}`, shipment);
	}

	shipmentOf(accountId: number, orderId: number): Shipment {
		return this.shipments.get(`${accountId}/${orderId}`) ?? DEFAULT_SHIPMENT;
	}

	/** The documents attached to an order (of one type, or all), oldest first. */
	documentsOf(accountId: number, orderId: number, documentType?: number): StoredDocument[] {
		const types = documentType === undefined ? Object.keys(DOCUMENT_FORMATS).map(Number) : [documentType];
		return types.flatMap((type) => this.documents.get(`${accountId}/${orderId}/${type}`) ?? []);
	}

	answer(request: FileRequest): FileRouteAnswer {
		// The path's ID: the documentation names it an integer; a router would not match anything else.
		const orderId = /^\d+$/.test(request.orderId) ? Number(request.orderId) : NaN;
		const order = Number.isNaN(orderId) ? undefined : request.findOrder(orderId);
		if (!order) throw new ApiRefusal(404, `No se encontró la orden ${request.orderId} para la cuenta ${request.accountId}.`);
		switch (request.endpoint) {
			case 'GET /v2/orders/{orderId}/shippinglabel':
				return { status: 200, file: this.label(request.accountId, orderId, request.query) };
			case 'POST /v2/orders/{orderId}/documents':
				return this.attach(request, orderId);
			case 'GET /v2/orders/{orderId}/documents':
				return { status: 200, file: this.document(request.accountId, orderId, request.query) };
		}
	}

	/**
	 * `format` is required and one of TXT, ZIP, PDF, spelled so (how Alephee reads other
	 * spellings is not published). `base64` is not modelled: the node never asks for it.
	 */
	private label(accountId: number, orderId: number, query: Record<string, string>): FileAnswer {
		const format = query.format;
		if (format !== 'TXT' && format !== 'ZIP' && format !== 'PDF') {
			throw new ApiRefusal(400, 'El parámetro format es obligatorio y debe ser TXT, ZIP o PDF.');
		}
		const { status, substatus } = this.shipmentOf(accountId, orderId);
		if (status !== LABEL_READY_STATUS || !LABEL_READY_SUBSTATUSES.includes(substatus ?? '')) {
			// Which status Alephee answers here is not published (its list has 404 and 412): 412.
			throw new ApiRefusal(
				412,
				`La etiqueta de la orden ${orderId} no está disponible: el envío está en estado ${status}${substatus ? `/${substatus}` : ''}; debe estar ready_to_ship/ready_to_print o printed.`,
			);
		}
		return labelFile(orderId, format);
	}

	/**
	 * The form-data way only: the JSON (base64) way's property names are not published. Alephee
	 * does not publish this call's answers either: 400 for what it documents as wrong (no file,
	 * no or an unknown document type, a format the type does not take), and 200 with a
	 * `{Status, Message}` body, its usual message shape, on success. Each upload is kept (whether
	 * a second one replaces the first is not published); a read gives the latest.
	 */
	private attach(request: FileRequest, orderId: number): FileRouteAnswer {
		const parts = parseMultipart(request.contentType, request.rawBody);
		if (!parts) throw new ApiRefusal(400, 'El cuerpo debe ser multipart/form-data con el archivo en el campo file.');
		const file = parts.find((part) => part.name === 'file' && part.fileName !== undefined);
		if (!file) throw new ApiRefusal(400, 'Falta el archivo (campo file).');
		const documentType = readDocumentType(request.query);
		const extension = /\.([A-Za-z0-9]+)$/.exec(file.fileName ?? '')?.[1]?.toLowerCase() ?? '';
		if (!DOCUMENT_FORMATS[documentType].includes(extension)) {
			throw new ApiRefusal(
				400,
				`El formato ${extension || '(sin extensión)'} no está permitido para el tipo de documento ${documentType}. Formatos permitidos: ${DOCUMENT_FORMATS[documentType].join(', ')}.`,
			);
		}
		const metadata = Object.fromEntries(Object.entries(request.query).filter(([name]) => name !== 'API_KEY'));
		const key = `${request.accountId}/${orderId}/${documentType}`;
		const stored: StoredDocument = {
			documentType,
			extension,
			fileName: file.fileName!,
			contentType: file.contentType ?? CONTENT_TYPES[extension] ?? 'application/octet-stream',
			bytes: file.data,
			metadata,
		};
		this.documents.set(key, [...(this.documents.get(key) ?? []), stored]);
		return { status: 200, body: { Status: 200, Message: `Documento adjuntado a la orden ${orderId}.` } };
	}

	/**
	 * `documentType` and `documentFormat` (pdf or xml) are both required, as marked; the cut
	 * sentence about types that must not send a format is not modelled. The latest document of
	 * that type in that format, else 404 (the documented list has 404; which case it is for, not).
	 */
	private document(accountId: number, orderId: number, query: Record<string, string>): FileAnswer {
		const documentType = readDocumentType(query);
		const format = query.documentFormat;
		if (format !== 'pdf' && format !== 'xml') throw new ApiRefusal(400, 'El parámetro documentFormat es obligatorio y debe ser pdf o xml.');
		const found = this.documentsOf(accountId, orderId, documentType).filter((document) => document.extension === format).pop();
		if (!found) throw new ApiRefusal(404, `La orden ${orderId} no tiene un documento de tipo ${documentType} en formato ${format}.`);
		return found;
	}
}

/** 0 invoice, 1 receipt, 2 electronic fiscal invoice; 7 (shipping label) is documented as "not available yet". */
function readDocumentType(query: Record<string, string>): number {
	const documentType = requiredInteger(query, 'documentType');
	if (!(documentType in DOCUMENT_FORMATS)) throw new ApiRefusal(400, `El tipo de documento ${documentType} no es válido: 0, 1 o 2.`);
	return documentType;
}

/** A made-up label in each format: bytes that are not valid text, to show they arrive untouched. */
function labelFile(orderId: number, format: 'TXT' | 'ZIP' | 'PDF'): FileAnswer {
	const binary = Buffer.from([0x00, 0xff, 0xe2, 0xe3, 0xcf, 0xd3, 0x0d, 0x0a]);
	switch (format) {
		case 'PDF':
			return {
				contentType: 'application/pdf',
				fileName: `etiqueta-${orderId}.pdf`,
				bytes: Buffer.concat([Buffer.from('%PDF-1.4\n%'), binary, Buffer.from(`\n% Etiqueta de la orden ${orderId}\n%%EOF\n`)]),
			};
		case 'ZIP':
			return {
				contentType: 'application/zip',
				fileName: `etiqueta-${orderId}.zip`,
				bytes: Buffer.concat([Buffer.from('PK\x03\x04'), binary, Buffer.from(`etiqueta-${orderId}.txt`)]),
			};
		case 'TXT':
			return { contentType: 'text/plain', fileName: `etiqueta-${orderId}.txt`, bytes: Buffer.from(zplLabel(orderId)) };
	}
}

export const zplLabel = (orderId: number) => `^XA\n^FO50,50^A0N,40,40^FDOrden ${orderId}^FS\n^XZ\n`;

export interface MultipartPart {
	name?: string;
	fileName?: string;
	contentType?: string;
	data: Buffer;
}

/**
 * A `multipart/form-data` body (RFC 7578) into its parts, bytes untouched; `undefined` when it
 * is not one (no boundary, no closing delimiter, a part without headers).
 */
export function parseMultipart(contentType: string | undefined, body: Buffer): MultipartPart[] | undefined {
	const boundary = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? '');
	if (!boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const nextDelimiter = Buffer.concat([Buffer.from('\r\n'), delimiter]);
	let at = body.indexOf(delimiter);
	if (at === -1) return undefined;
	at += delimiter.length;
	const parts: MultipartPart[] = [];
	for (;;) {
		if (body.subarray(at, at + 2).toString('latin1') === '--') return parts;
		if (body.subarray(at, at + 2).toString('latin1') !== '\r\n') return undefined;
		at += 2;
		const end = body.indexOf(nextDelimiter, at);
		if (end === -1) return undefined;
		const part = body.subarray(at, end);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd === -1) return undefined;
		const headers = new Map(
			part
				.subarray(0, headerEnd)
				.toString('utf8')
				.split('\r\n')
				.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()] as const),
		);
		const disposition = headers.get('content-disposition') ?? '';
		parts.push({
			name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
			fileName: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
			contentType: headers.get('content-type'),
			data: part.subarray(headerEnd + 4),
		});
		at = end + nextDelimiter.length;
	}
}
