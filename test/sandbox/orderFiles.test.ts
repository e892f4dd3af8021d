/**
 * The sandbox's shipping labels and order documents, checked with plain HTTP clients (fetch and
 * its own FormData) against ../shared/alephee/lifecycle-endpoints.md §3–4.
 */
import { AlepheeSandbox, DEFAULT_SHIPMENT, parseMultipart } from '../../sandbox/alepheeSandbox';

const KEY = 'sandbox-files-self-test';
let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(KEY, [1]);
	sandbox.addOrder({ accountId: 1, orderId: 10, createdThrough: 'marketplace', lines: [] });
});

afterEach(async () => {
	await sandbox.stop();
});

const call = async (method: string, path: string, query: Record<string, string>, body?: FormData | string, headers?: Record<string, string>) => {
	const response = await fetch(`${sandbox.baseUrl}${path}?${new URLSearchParams({ API_KEY: KEY, accountId: '1', ...query })}`, { method, body, headers });
	return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
};
const json = (bytes: Buffer) => JSON.parse(bytes.toString()) as { Status: number; Message: string };
const formWith = (content: Buffer | string, fileName: string, type = 'application/pdf') => {
	const form = new FormData();
	form.append('file', new Blob([content], { type }), fileName);
	return form;
};

describe('Sandbox: shipping label', () => {
	it('is not ready by default: 412 {Status, Message} naming the shipment state', async () => {
		expect(DEFAULT_SHIPMENT).toEqual({ status: 'pending', substatus: null });
		const response = await call('GET', '/orders/10/shippinglabel', { format: 'PDF' });
		expect(response.status).toBe(412);
		expect(json(response.bytes)).toEqual({ Status: 412, Message: expect.stringContaining('estado pending') });
	});

	it.each([
		['ready_to_ship', 'ready_to_print', 200],
		['ready_to_ship', 'printed', 200],
		['ready_to_ship', 'invoice_pending', 412],
		['ready_to_ship', null, 412],
		['handling', 'ready_to_print', 412],
	])('shipment %s/%s → %i', async (status, substatus, expected) => {
		sandbox.setShipment(1, 10, { status, substatus });
		expect((await call('GET', '/orders/10/shippinglabel', { format: 'PDF' })).status).toBe(expected);
	});

	it('a ready label is a file with its type and name', async () => {
		sandbox.setShipment(1, 10, { status: 'ready_to_ship', substatus: 'ready_to_print' });
		const response = await call('GET', '/orders/10/shippinglabel', { format: 'ZIP' });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="etiqueta-10.zip"; filename*=UTF-8''etiqueta-10.zip`);
		expect(response.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
	});

	it.each([[{}], [{ format: 'pdf' }], [{ format: 'ZPL' }]])('format %j is refused with 400', async (query) => {
		sandbox.setShipment(1, 10, { status: 'ready_to_ship', substatus: 'printed' });
		expect((await call('GET', '/orders/10/shippinglabel', query)).status).toBe(400);
	});

	it('404 for an order not in the account, 403 for an account not tied to the key', async () => {
		expect((await call('GET', '/orders/11/shippinglabel', { format: 'PDF' })).status).toBe(404);
		expect((await call('GET', '/orders/10/shippinglabel', { format: 'PDF', accountId: '2' })).status).toBe(403);
	});
});

describe('Sandbox: documents', () => {
	it('stores a multipart upload by order and type, metadata without the key, and gives the latest back', async () => {
		const first = await call('POST', '/orders/10/documents', { documentType: '0', documentNumber: 'A-1' }, formWith('%PDF first', 'a.pdf'));
		expect(first.status).toBe(200);
		expect(json(first.bytes)).toEqual({ Status: 200, Message: 'Documento adjuntado a la orden 10.' });
		await call('POST', '/orders/10/documents', { documentType: '0' }, formWith('%PDF second', 'b.pdf'));

		expect(sandbox.documentsOf(1, 10, 0).map((document) => [document.fileName, document.metadata])).toEqual([
			['a.pdf', { accountId: '1', documentType: '0', documentNumber: 'A-1' }],
			['b.pdf', { accountId: '1', documentType: '0' }],
		]);
		const read = await call('GET', '/orders/10/documents', { documentType: '0', documentFormat: 'pdf' });
		expect(read.status).toBe(200);
		expect(read.bytes.toString()).toBe('%PDF second');
		expect(read.headers.get('content-type')).toBe('application/pdf');
	});

	it.each([
		[0, 'f.xml', 400],
		[0, 'f.JPEG', 200],
		[1, 'f.xml', 200],
		[1, 'f.txt', 400],
		[2, 'f.xml', 200],
		[2, 'f.pdf', 400],
		[2, 'no-extension', 400],
	])('type %i with %s → %i (allowed formats per type)', async (documentType, fileName, expected) => {
		const response = await call('POST', '/orders/10/documents', { documentType: String(documentType) }, formWith('x', fileName));
		expect(response.status).toBe(expected);
	});

	it.each([
		['no document type', {}, formWith('x', 'f.pdf')],
		['document type 7 (shipping label, "not available yet")', { documentType: '7' }, formWith('x', 'f.pdf')],
		['no file field', { documentType: '0' }, (() => {
			const form = new FormData();
			form.append('document', new Blob(['x']), 'f.pdf');
			return form;
		})()],
		['a JSON body (the base64 way, whose names are not published)', { documentType: '0' }, '{"fileBase64":"eA=="}'],
	])('refuses %s with 400', async (_case, query, body) => {
		const headers = typeof body === 'string' ? { 'content-type': 'application/json' } : undefined;
		const response = await call('POST', '/orders/10/documents', query, body, headers);
		expect(response.status).toBe(400);
		expect(json(response.bytes).Status).toBe(400);
		expect(sandbox.documentsOf(1, 10)).toHaveLength(0);
	});

	it('a read needs documentType and documentFormat pdf or xml; a document not there is 404', async () => {
		expect((await call('GET', '/orders/10/documents', { documentType: '0' })).status).toBe(400);
		expect((await call('GET', '/orders/10/documents', { documentType: '0', documentFormat: 'PDF' })).status).toBe(400);
		expect((await call('GET', '/orders/10/documents', { documentType: '0', documentFormat: 'pdf' })).status).toBe(404);
		expect((await call('GET', '/orders/99/documents', { documentType: '0', documentFormat: 'pdf' })).status).toBe(404);
	});
});

describe('Sandbox: multipart parser', () => {
	const body = (boundary: string, ...parts: string[]) => Buffer.from(`${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`, 'latin1');

	it('reads names, file names, types and bytes, even bytes that look like a delimiter', async () => {
		const content = '\x00\xff\r\n--not-the-boundary\r\n';
		const parts = parseMultipart(
			'multipart/form-data; boundary="b-123"',
			body('b-123', 'Content-Disposition: form-data; name="note"\r\n\r\nhello', `Content-Disposition: form-data; name="file"; filename="f.pdf"\r\nContent-Type: application/pdf\r\n\r\n${content}`),
		);
		expect(parts).toEqual([
			{ name: 'note', fileName: undefined, contentType: undefined, data: Buffer.from('hello') },
			{ name: 'file', fileName: 'f.pdf', contentType: 'application/pdf', data: Buffer.from(content, 'latin1') },
		]);
	});

	it('is undefined for what is not a multipart body', () => {
		expect(parseMultipart('application/json', Buffer.from('{}'))).toBeUndefined();
		expect(parseMultipart('multipart/form-data', Buffer.from(''))).toBeUndefined();
		expect(parseMultipart('multipart/form-data; boundary=x', Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'))).toBeUndefined();
		expect(parseMultipart('multipart/form-data; boundary=x', Buffer.from('--x\r\nno headers\r\n--x--'))).toBeUndefined();
	});
});
