import { capturedLogs } from '../../../../captureLogs';
import { runAlephee, type AlepheeCredentialData, type InputFile } from '../../../../../harness/engine';
import { type AlepheeSandbox, parseMultipart } from '../../../../../sandbox/alepheeSandbox';
import { ACCOUNT, expectRefusedBeforeSending, startSandbox } from './fileOperations';

const API_KEY = 'attach-test-key-7b2e91';
const OTHER_ACCOUNT = 9999;
const ENDPOINT = 'POST /v2/orders/{orderId}/documents';

/** Bytes that are not text (0x00, 0xff, a CRLF and "--" as in a multipart delimiter), to show they arrive untouched. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0x00, 0xff, 0xe2, 0x0d, 0x0a, 0x2d, 0x2d]), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const XML = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><nfeProc versao="4.00"><NFe/></nfeProc>');

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	({ sandbox, credentials } = await startSandbox(API_KEY, [101, 102, 103]));
});

afterEach(async () => {
	await sandbox.stop();
});

const attach = (parameters: Record<string, unknown>, files: Array<Record<string, InputFile> | undefined>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({
		credentials,
		parameters: { operation: 'attachDocument', accountId: String(ACCOUNT), orderId: '101', documentType: 0, ...parameters },
		files,
		items: files.map(() => ({})),
		...extra,
	});

const attachRequests = () => sandbox.requestsTo(ENDPOINT);

describe('Order → Attach Document: each type with a file it takes', () => {
	it.each([
		[0, 'Invoice', 'factura-A-0001.pdf', 'application/pdf', PDF],
		[0, 'Invoice', 'factura.png', 'image/png', PNG],
		[0, 'Invoice', 'FACTURA.JPG', 'image/jpeg', JPEG],
		[1, 'Receipt', 'recibo.xml', 'application/xml', XML],
		[1, 'Receipt', 'recibo.pdf', 'application/pdf', PDF],
		[2, 'NF-e', '35241112345678000190550010000012341000012345-nfe.xml', 'text/xml', XML],
	])('type %i (%s), %s: one multipart POST with the file in the form field "file"; metadata in the query', async (documentType, _name, fileName, mimeType, bytes) => {
		const result = await attach({ documentType }, [{ data: { data: bytes, fileName, mimeType } }]);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const [request] = attachRequests();
		expect(request.path).toBe('/v2/orders/101/documents');
		expect(request.query).toEqual({ API_KEY, accountId: String(ACCOUNT), documentType: String(documentType) });
		// A real multipart body, as the sandbox's own parser reads it: one part, the file, bytes untouched.
		const contentType = request.headers['content-type'] as string;
		expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.headers['content-length']).toBe(String(request.rawBody.length));
		const parts = parseMultipart(contentType, request.rawBody);
		expect(parts).toHaveLength(1);
		expect(parts![0]).toMatchObject({ name: 'file', fileName, contentType: mimeType });
		expect(parts![0].data.equals(bytes)).toBe(true);

		expect(sandbox.documentsOf(ACCOUNT, 101, documentType)).toEqual([expect.objectContaining({ fileName, bytes })]);
		expect(result.main).toEqual([
			{
				json: {
					attached: true,
					accountId: ACCOUNT,
					orderId: 101,
					documentType,
					fileName,
					alepheeAnswer: { Status: 200, Message: 'Documento adjuntado a la orden 101.' },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends the additional fields as query parameters, and reports exactly what was sent', async () => {
		const result = await attach(
			{
				documentType: 2,
				additionalFields: {
					documentNumber: ' 1234 ',
					documentDate: '2026-11-24 13:45',
					seriesNumber: '001',
					fiscalKey: '35241112345678000190550010000012341000012345',
					messageText: 'NF-e do pedido',
				},
			},
			[{ data: { data: XML, fileName: 'nfe.xml', mimeType: 'application/xml' } }],
		);

		const sent = {
			documentNumber: '1234',
			documentDate: '2026-11-24T13:45:00Z',
			seriesNumber: '001',
			fiscalKey: '35241112345678000190550010000012341000012345',
			messageText: 'NF-e do pedido',
		};
		expect(attachRequests()[0].query).toEqual({ API_KEY, accountId: String(ACCOUNT), documentType: '2', ...sent });
		expect(result.main[0].json).toEqual({ attached: true, accountId: ACCOUNT, orderId: 101, documentType: 2, ...sent, fileName: 'nfe.xml', alepheeAnswer: expect.any(Object) });
	});

	it('reads the file from the binary field named by Input Binary Field', async () => {
		const result = await attach({ binaryPropertyName: 'invoice' }, [{ invoice: { data: PDF, fileName: 'f.pdf', mimeType: 'application/pdf' } }]);
		expect(result.main[0].json).toMatchObject({ attached: true, fileName: 'f.pdf' });
	});

	it.each([
		['a name without extension', 'scan', 'image/png', 'scan.png'],
		['no name at all', undefined, 'application/pdf', 'invoice-101.pdf'],
	])('a file with %s takes its format from its MIME type, and is sent with that extension', async (_case, fileName, mimeType, sentName) => {
		const result = await attach({}, [{ data: { data: fileName === 'scan' ? PNG : PDF, fileName, mimeType } }]);

		expect(result.error).toBeUndefined();
		expect(parseMultipart(attachRequests()[0].headers['content-type'] as string, attachRequests()[0].rawBody)![0].fileName).toBe(sentName);
		expect(result.main[0].json.fileName).toBe(sentName);
	});

	it('an answer with no body (204) is "attached" too: Alephee does not publish this call\'s answers', async () => {
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 204 });
		const result = await attach({}, [{ data: { data: PDF, fileName: 'f.pdf', mimeType: 'application/pdf' } }]);
		expect(result.main[0].json).toEqual({ attached: true, accountId: ACCOUNT, orderId: 101, documentType: 0, fileName: 'f.pdf' });
	});

	it('a 429 is retried with the whole file again', async () => {
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 429, retryAfterSeconds: 1, contentType: 'application/json', body: '{"Status":429,"Message":"Límite"}' });
		const result = await attach({}, [{ data: { data: PDF, fileName: 'f.pdf', mimeType: 'application/pdf' } }]);

		expect(result.main[0].json.attached).toBe(true);
		const requests = attachRequests();
		expect(requests.map((request) => request.answeredWith)).toEqual([429, 200]);
		for (const request of requests) expect(parseMultipart(request.headers['content-type'] as string, request.rawBody)![0].data.equals(PDF)).toBe(true);
		expect(sandbox.documentsOf(ACCOUNT, 101)).toHaveLength(1);
	});
});

describe('Order → Attach Document: what is not a file of its format is refused before sending', () => {
	it.each([
		[0, 'an empty invoice', 'factura.pdf', 'application/pdf', Buffer.alloc(0), '"factura.pdf" is empty (0 bytes)'],
		[0, 'a "PDF" that is an error page', 'factura.pdf', 'application/pdf', Buffer.from('<html>502 Bad Gateway</html>'), '"factura.pdf" is not a PDF file (a PDF starts with "%PDF-")'],
		[0, 'a "PNG" that is text', 'factura.png', 'image/png', Buffer.from('not an image'), '"factura.png" is not a PNG file (a PNG starts with the bytes 89 50 4E 47)'],
		[0, 'a PNG named .jpg', 'factura.jpg', 'image/jpeg', PNG, '"factura.jpg" is not a JPG file (a JPEG starts with the bytes FF D8 FF)'],
		[2, 'an NF-e cut short', 'nfe.xml', 'application/xml', Buffer.from('<?xml version="1.0"?><nfeProc><NFe><infNFe>'), '"nfe.xml" is not well-formed XML: <infNFe> is not closed'],
		[2, 'an NF-e with crossed tags', 'nfe.xml', 'application/xml', Buffer.from('<nfeProc><NFe></nfeProc></NFe>'), '"nfe.xml" is not well-formed XML: </nfeProc> closes <NFe>'],
		[2, 'an NF-e that is JSON', 'nfe.xml', 'application/xml', Buffer.from('{"nfe": 1}'), '"nfe.xml" is not well-formed XML: it has text outside its root element'],
		[1, 'a receipt of two documents', 'recibo.xml', 'application/xml', Buffer.from('<a/><b/>'), '"recibo.xml" is not well-formed XML: <b> is a second root element'],
	])('type %i: %s fails naming the field; the sandbox got no request', async (documentType, _case, fileName, mimeType, data, problem) => {
		const result = await attach({ documentType }, [{ data: { data, fileName, mimeType } }]);
		expectRefusedBeforeSending(result, sandbox, `Input Binary Field is not valid: ${problem}`);
		expect(sandbox.documentsOf(ACCOUNT, 101)).toHaveLength(0);
	});

	it('with Continue On Fail, an empty file fails its item only; the good one is attached', async () => {
		const result = await attach({}, [{ data: { data: Buffer.alloc(0), fileName: 'a.pdf', mimeType: 'application/pdf' } }, { data: { data: PDF, fileName: 'b.pdf', mimeType: 'application/pdf' } }], {
			onError: 'continueRegularOutput',
		});
		expect(result.main.map((item) => item.json.attached ?? item.json.error)).toEqual(['Input Binary Field is not valid: "a.pdf" is empty (0 bytes)', true]);
		expect(sandbox.requestsTo(ENDPOINT)).toHaveLength(1);
	});
});

describe('Order → Attach Document: a file the type does not take is refused before sending', () => {
	it.each([
		[2, 'a PDF as an NF-e', 'nfe.pdf', 'application/pdf', '"nfe.pdf" is PDF; NF-e takes XML'],
		[0, 'an XML as an invoice', 'factura.xml', 'application/xml', '"factura.xml" is XML; Invoice takes PDF, JPG, JPEG or PNG'],
		[1, 'a text file as a receipt', 'recibo.txt', 'text/plain', '"recibo.txt" is TXT; Receipt takes PDF, JPG, JPEG, PNG or XML'],
		[0, 'a PNG named .pdf.exe', 'factura.pdf.exe', 'image/png', '"factura.pdf.exe" is EXE; Invoice takes PDF, JPG, JPEG or PNG'],
		[0, 'a file of no known format', undefined, 'application/x-unknown', 'the format of the file is not known; Invoice takes PDF, JPG, JPEG or PNG'],
	])('type %i: %s fails naming the field; the sandbox got no request', async (documentType, _case, fileName, mimeType, problem) => {
		const result = await attach({ documentType }, [{ data: { data: PNG, fileName, mimeType } }]);

		expect(result.error?.message).toBe(`Input Binary Field is not valid: ${problem}`);
		expect(result.error?.description).toMatch(/Check Document Type and the file in the binary field "data"\. Nothing was sent to Alephee\.$/);
		expect(result.error?.description).toContain('Invoice: PDF, JPG, JPEG or PNG; Receipt: PDF, JPG, JPEG, PNG or XML; NF-e: XML.');
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.documentsOf(ACCOUNT, 101)).toHaveLength(0);
	});

	it('an item without the binary field fails naming the field; nothing is sent', async () => {
		const result = await attach({}, [{ other: { data: PDF, fileName: 'f.pdf', mimeType: 'application/pdf' } }]);
		expectRefusedBeforeSending(result, sandbox, 'Input Binary Field is not valid: the item has no binary field "data"');
		expect(result.error?.description).toMatch(/^The item's binary fields: "other"\. Give the name of the binary field/);
	});

	it.each([
		['Document Type', { documentType: 7 }, 'Document Type is not valid: "7" is not one of 0, 1, 2'],
		['Order ID', { orderId: '0' }, 'Order ID is not valid: it must be 1 or more'],
		['Document Date', { additionalFields: { documentDate: 'yesterday' } }, /^Document Date is not valid: /],
	])('a wrong %s is refused before sending', async (_field, parameters, message) => {
		expectRefusedBeforeSending(await attach(parameters, [{ data: { data: PDF, fileName: 'f.pdf', mimeType: 'application/pdf' } }]), sandbox, message);
	});
});

describe('Order → Attach Document: Alephee\'s answers explained', () => {
	const file = [{ data: { data: PDF, fileName: 'f.pdf', mimeType: 'application/pdf' } }];

	it('404: the order is not in the account', async () => {
		const result = await attach({ orderId: '555' }, file);
		expect(result.error?.message).toBe('Order 555 was not found in account 4321');
		expect(result.error?.description).toContain('Alephee says: "No se encontró la orden 555 para la cuenta 4321."');
	});

	it('403: an account not tied to the key', async () => {
		const result = await attach({ accountId: String(OTHER_ACCOUNT) }, file);
		expect(result.error?.message).toBe('The API key is not allowed to use account 9999');
	});

	it('400: the document rejected, in Alephee\'s words', async () => {
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 400, contentType: 'application/json', body: '{"Status":400,"Message":"El documento ya existe."}' });
		const result = await attach({}, file);
		expect(result.error?.message).toBe('Alephee rejected the Invoice (0) for order 101');
		expect(result.error?.description).toBe('Check Document Type, the file and the additional fields. Nothing was attached. Alephee says: "El documento ya existe."');
	});

	it('413: too large, nothing attached', async () => {
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 413, contentType: 'application/json', body: '{"Status":413,"Message":"Archivo demasiado grande."}' });
		const result = await attach({}, file);
		expect(result.error?.message).toBe('Alephee refused the Invoice (0) for order 101 as too large');
	});

	it('500: the outcome is unknown, check before running again', async () => {
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 500, body: 'Object reference not set.' });
		const result = await attach({}, file);
		expect(result.error?.message).toBe('Alephee had an internal error while attaching the Invoice (0) to order 101');
		expect(result.error?.description).toMatch(/The document may or may not have been attached: check it in Alephee before running this item again/);
	});
});

describe('Order → Attach Document: N items in, N outcomes out, each paired', () => {
	const files = [
		{ data: { data: PDF, fileName: 'a.pdf', mimeType: 'application/pdf' } },
		{ data: { data: XML, fileName: 'b.xml', mimeType: 'application/xml' } },
		undefined,
		{ data: { data: PNG, fileName: 'c.png', mimeType: 'image/png' } },
	];
	const items = [{ id: 101 }, { id: 102 }, { id: 103 }, { id: 555 }];

	it('Continue On Fail (regular output): one outcome per item, failures beside the IDs', async () => {
		const result = await attach({ orderId: '={{ $json.id }}' }, files, { items, onError: 'continueRegularOutput' });

		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(result.main.map((item) => item.json.attached ?? item.json.error)).toEqual([
			true,
			'Input Binary Field is not valid: "b.xml" is XML; Invoice takes PDF, JPG, JPEG or PNG',
			'Input Binary Field is not valid: the item has no binary field "data"',
			'Order 555 was not found in account 4321',
		]);
		expect(result.main[1].json).toMatchObject({ accountId: ACCOUNT, orderId: 102 });
		expect(attachRequests().map((request) => request.path)).toEqual(['/v2/orders/101/documents', '/v2/orders/555/documents']);
	});

	it('error output: attached on main, failures on the error output, all paired', async () => {
		const result = await attach({ orderId: '={{ $json.id }}' }, files, { items, onError: 'continueErrorOutput' });

		expect(result.main.map((item) => [item.json.orderId, item.pairedItem])).toEqual([[101, { item: 0 }]]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.errorOutput[2].json).toEqual({ id: 555, error: 'Order 555 was not found in account 4321', message: expect.any(String) });
	});
});

describe('Order → Attach Document: the API key stays secret', () => {
	it('appears nowhere in the saved execution data or n8n\'s log', async () => {
		capturedLogs.length = 0;
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 500, body: `Error in /v2/orders/101/documents?API_KEY=${API_KEY}` });
		const files = [{ data: { data: PDF, fileName: 'a.pdf', mimeType: 'application/pdf' } }, { data: { data: PDF, fileName: 'b.pdf', mimeType: 'application/pdf' } }];
		for (const onError of ['continueRegularOutput', 'continueErrorOutput', 'stopWorkflow'] as const) {
			const result = await attach({ orderId: '={{ $json.id }}' }, files, { items: [{ id: 101 }, { id: 555 }], onError });
			expect(JSON.stringify(result.run)).not.toContain(API_KEY);
		}
		expect(capturedLogs.join('\n')).not.toContain(API_KEY);
		expect(sandbox.documentsOf(ACCOUNT, 101).every((document) => !Object.values(document.metadata).includes(API_KEY))).toBe(true);
	});
});
