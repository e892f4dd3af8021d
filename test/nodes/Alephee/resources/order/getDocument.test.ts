
import { capturedLogs } from '../../../../captureLogs';
import { runAlephee, type AlepheeCredentialData } from '../../../../../harness/engine';
import type { AlepheeSandbox } from '../../../../../sandbox/alepheeSandbox';
import { ACCOUNT, bytesOf, expectRefusedBeforeSending, startNamelessRelay, startSandbox } from './fileOperations';

const API_KEY = 'document-test-key-c40f5d';
const ENDPOINT = 'GET /v2/orders/{orderId}/documents';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0x00, 0xff, 0xe2, 0x0d, 0x0a]), Buffer.from('\n%%EOF\n')]);
const XML = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><nfeProc versao="4.00"><NFe>São Paulo</NFe></nfeProc>');

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	({ sandbox, credentials } = await startSandbox(API_KEY, [101, 102]));
});

afterEach(async () => {
	await sandbox.stop();
});

const run = (operation: string, parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({ credentials, parameters: { operation, accountId: String(ACCOUNT), orderId: '101', ...parameters }, ...extra });
const getDocument = (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) => run('getDocument', parameters, extra);
const attach = async (documentType: number, data: Buffer, fileName: string, mimeType: string, orderId = '101') => {
	const result = await run('attachDocument', { documentType, orderId }, { files: [{ data: { data, fileName, mimeType } }] });
	expect(result.main[0].json.attached).toBe(true);
};

describe('Order → Get Document: attached, then read back', () => {
	it.each([
		[0, 'pdf', PDF, 'factura-0001.pdf', 'application/pdf'],
		[1, 'xml', XML, 'recibo.xml', 'application/xml'],
		[2, 'xml', XML, 'NFe-35241112.xml', 'application/xml'],
	])('type %i as %s: the same bytes, name and type come back', async (documentType, documentFormat, data, fileName, mimeType) => {
		await attach(documentType, data, fileName, mimeType);
		const result = await getDocument({ documentType, documentFormat });

		expect(result.error).toBeUndefined();
		const [request] = sandbox.requestsTo(ENDPOINT);
		expect(request.path).toBe('/v2/orders/101/documents');
		expect(request.query).toEqual({ API_KEY, accountId: String(ACCOUNT), documentType: String(documentType), documentFormat });
		expect(request.headers.accept).toBe('*/*');
		expect(result.main).toHaveLength(1);
		const [item] = result.main;
		expect(item.json).toEqual({ orderId: 101, accountId: ACCOUNT, documentType, documentFormat, fileName });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({ fileName, mimeType });
		expect(bytesOf(item).equals(data)).toBe(true);
	});

	it('a file name beyond ASCII comes back whole (from the answer\'s filename*)', async () => {
		await attach(0, PDF, 'factura-nº 7 São.pdf', 'application/pdf');
		const result = await getDocument({ documentType: 0, documentFormat: 'pdf' });
		expect(result.main[0].json.fileName).toBe('factura-nº 7 São.pdf');
		expect(result.main[0].binary?.data.fileName).toBe('factura-nº 7 São.pdf');
	});

	it('puts the file in the binary field named by Put Output File in Field', async () => {
		await attach(0, PDF, 'f.pdf', 'application/pdf');
		const result = await getDocument({ documentType: 0, documentFormat: 'pdf', binaryPropertyName: 'invoice' });
		expect(Object.keys(result.main[0].binary ?? {})).toEqual(['invoice']);
		expect(bytesOf(result.main[0], 'invoice').equals(PDF)).toBe(true);
	});

	it.each([
		[0, 'pdf', 'invoice-101.pdf', 'application/pdf', '%PDF-1.4 x'],
		[1, 'xml', 'receipt-101.xml', 'application/xml', '<x/>'],
		[2, 'xml', 'nfe-101.xml', 'application/xml', '<x/>'],
	])('type %i as %s, answered with no file name and a generic type: named %s, typed %s', async (documentType, documentFormat, fileName, mimeType, body) => {
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 200, contentType: 'application/octet-stream', body });
		const result = await getDocument({ documentType, documentFormat });
		expect(result.main[0].json.fileName).toBe(fileName);
		expect(result.main[0].binary?.data).toMatchObject({ fileName, mimeType });
	});

	describe.each(['base64', 'base64InJson'] as const)('answered as %s text', (answeredAs) => {
		it.each([
			[0, 'pdf', 'invoice-101.pdf', 'application/pdf'],
			[2, 'xml', 'nfe-101.xml', 'application/xml'],
		])('type %i as %s: the file\'s real bytes, named %s, typed %s', async (documentType, documentFormat, fileName, mimeType) => {
			const data = documentFormat === 'pdf' ? PDF : Buffer.from('<?xml version="1.0"?><nfeProc><NFe/></nfeProc>');
			await attach(documentType, data, `doc.${documentFormat}`, mimeType);
			sandbox.filesAnsweredAs = answeredAs;
			const result = await getDocument({ documentType, documentFormat });
			expect(result.error).toBeUndefined();
			expect(bytesOf(result.main[0]).equals(data)).toBe(true);
			expect(result.main[0].binary?.data).toMatchObject({ fileName, mimeType });
		});
	});

	it('a 200 that is neither an XML file nor base64 of one fails the item in words', async () => {
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 200, contentType: 'text/plain', body: 'sin documento' });
		const result = await getDocument({ documentType: 2, documentFormat: 'xml' }, { onError: 'continueRegularOutput' });
		expect(result.main[0].json.error).toBe("Alephee's answer is not an XML file (nfe-101.xml)");
	});

	it('Document Format from an expression in any case is sent as Alephee writes it', async () => {
		await attach(0, PDF, 'f.pdf', 'application/pdf');
		const result = await getDocument({ documentType: 0, documentFormat: '={{ $json.format }}' }, { items: [{ format: ' PDF ' }] });
		expect(result.error).toBeUndefined();
		expect(sandbox.requestsTo(ENDPOINT)[0].query.documentFormat).toBe('pdf');
	});
});

describe('Order → Get Document: input checked before anything is sent', () => {
	it.each([
		['Document Format', { documentType: 0, documentFormat: 'docx' }, 'Document Format is not valid: "docx" is not one of pdf, xml'],
		['Document Type', { documentType: 7, documentFormat: 'pdf' }, 'Document Type is not valid: "7" is not one of 0, 1, 2'],
		['Order ID', { orderId: '-3', documentType: 0, documentFormat: 'pdf' }, 'Order ID is not valid: it must be 1 or more'],
	])('a wrong %s is refused, naming the field; the sandbox got no request', async (_field, parameters, message) => {
		expectRefusedBeforeSending(await getDocument(parameters), sandbox, message);
	});
});

describe('Order → Get Document: Alephee\'s answers explained', () => {
	it('404, no such document: says which, and quotes Alephee', async () => {
		await attach(0, PDF, 'f.pdf', 'application/pdf');
		const result = await getDocument({ documentType: 0, documentFormat: 'xml' });
		expect(result.error?.message).toBe('Alephee has no Invoice (0) in XML for order 101');
		expect(result.error?.description).toMatch(/Check that a document of this type was attached to the order in this format/);
		expect(result.error?.description).toContain('Alephee says: "La orden 101 no tiene un documento de tipo 0 en formato xml."');
	});

	it('412 (documented, meaning not published): Alephee\'s words, as a read that changed nothing', async () => {
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 412, contentType: 'application/json', body: '{"Status":412,"Message":"Documento no disponible."}' });
		const result = await getDocument({ documentType: 2, documentFormat: 'xml' });
		expect(result.error?.message).toBe('Alephee answered with unexpected status 412 while downloading the NF-e (2) of order 101');
		expect(result.error?.description).toContain('Alephee says: "Documento no disponible."');
	});
});

describe('Order → Get Document: N items in, N outcomes out, each paired', () => {
	const items = [{ id: 101 }, { id: 102 }, { id: 'x' }];

	beforeEach(async () => {
		await attach(0, PDF, 'f.pdf', 'application/pdf');
	});

	it('Continue On Fail (regular output)', async () => {
		const result = await getDocument({ orderId: '={{ $json.id }}', documentType: 0, documentFormat: 'pdf' }, { items, onError: 'continueRegularOutput' });
		expect(result.main.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(result.main.map((item) => item.json.fileName ?? item.json.error)).toEqual([
			'f.pdf',
			'Alephee has no Invoice (0) in PDF for order 102',
			'Order ID is not valid: "x" is not a whole number',
		]);
		expect(result.main[1].json).toMatchObject({ accountId: ACCOUNT, orderId: 102 });
	});

	it('error output', async () => {
		const result = await getDocument({ orderId: '={{ $json.id }}', documentType: 0, documentFormat: 'pdf' }, { items, onError: 'continueErrorOutput' });
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
	});
});

describe('Order → Get Document: the API key stays secret', () => {
	it('appears nowhere in the saved execution data or n8n\'s log', async () => {
		await attach(0, PDF, 'f.pdf', 'application/pdf');
		capturedLogs.length = 0;
		sandbox.failNextWith({ endpoint: ENDPOINT, status: 500, body: `Error in documents?API_KEY=${API_KEY}` });
		for (const onError of ['continueRegularOutput', 'continueErrorOutput', 'stopWorkflow'] as const) {
			const result = await getDocument({ orderId: '={{ $json.id }}', documentType: 0, documentFormat: 'pdf' }, { items: [{ id: 101 }, { id: 102 }], onError });
			expect(JSON.stringify(result.run)).not.toContain(API_KEY);
		}
		expect(capturedLogs.join('\n')).not.toContain(API_KEY);
	});
});

describe('Order → Get Document: documents without a file name, each named after its own item', () => {
	const invoiceOf = (orderId: number) => Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0x00, 0xff]), Buffer.from(`\n% Factura de la orden ${orderId}\n%%EOF\n`)]);

	it.each([
		[101, 102],
		[102, 101],
	])('items for orders %i then %i, the first answered last: invoice-<its own order ID>.pdf, paired to its own input', async (first, second) => {
		for (const orderId of [101, 102]) await attach(0, invoiceOf(orderId), `factura-${orderId}.pdf`, 'application/pdf', String(orderId));
		const relay = await startNamelessRelay(sandbox.baseUrl);
		try {
			const throughRelay = { ...credentials, baseUrl: relay.baseUrl };
			const parameters = { operation: 'getDocument', accountId: String(ACCOUNT), documentType: 0, documentFormat: 'pdf' };
			// A budget that knows the limit sends both items at once; a fresh one sends one
			// request first and waits for its answer. So one document is read first, and the limit
			// set so that the two that follow are within the burst.
			sandbox.setEndpointRateLimit(ENDPOINT, { perMinute: 6, burst: 10 });
			const warmUp = await runAlephee({ credentials: throughRelay, parameters: { ...parameters, orderId: String(second) } });
			expect(warmUp.main[0].json.fileName).toBe(`invoice-${second}.pdf`);

			relay.holdAnswerTo = `/v2/orders/${first}/documents`;
			const result = await runAlephee({ credentials: throughRelay, parameters: { ...parameters, orderId: '={{ $json.id }}' }, items: [{ id: first }, { id: second }] });

			// The answers really came out of order: the second item's first.
			expect(relay.delivered.slice(1)).toEqual([`/v2/orders/${second}/documents`, `/v2/orders/${first}/documents`]);
			expect(result.error).toBeUndefined();
			expect(result.main).toHaveLength(2);
			for (const [index, orderId] of [first, second].entries()) {
				const item = result.main[index];
				const fileName = `invoice-${orderId}.pdf`;
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json).toEqual({ orderId, accountId: ACCOUNT, documentType: 0, documentFormat: 'pdf', fileName });
				expect(item.binary?.data).toMatchObject({ fileName, mimeType: 'application/pdf', fileExtension: 'pdf' });
				expect(bytesOf(item).equals(invoiceOf(orderId))).toBe(true);
			}
		} finally {
			await relay.stop();
		}
	});
});
