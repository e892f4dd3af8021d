
import { capturedLogs } from '../../../../captureLogs';
import { runAlephee, type AlepheeCredentialData } from '../../../../../harness/engine';
import { type AlepheeSandbox, zplLabel } from '../../../../../sandbox/alepheeSandbox';
import { ACCOUNT, bytesOf, expectRefusedBeforeSending, startNamelessRelay, startSandbox } from './fileOperations';

const API_KEY = 'label-test-key-83d1a0';
const OTHER_ACCOUNT = 9999;
const READY = { status: 'ready_to_ship', substatus: 'ready_to_print' };

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	({ sandbox, credentials } = await startSandbox(API_KEY, [101, 102, 103]));
	sandbox.setShipment(ACCOUNT, 101, READY);
	sandbox.setShipment(ACCOUNT, 103, { status: 'ready_to_ship', substatus: 'printed' });
});

afterEach(async () => {
	await sandbox.stop();
});

const downloadLabel = (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({ credentials, parameters: { operation: 'downloadShippingLabel', accountId: String(ACCOUNT), ...parameters }, ...extra });

const labelRequests = () => sandbox.requestsTo('GET /v2/orders/{orderId}/shippinglabel');

describe('Order → Download Shipping Label: the request and the file', () => {
	it.each([
		['PDF', 'PDF', 'etiqueta-101.pdf', 'application/pdf', Buffer.from([...Buffer.from('%PDF-1.4\n%'), 0x00, 0xff])],
		['ZIP', 'ZIP', 'etiqueta-101.zip', 'application/zip', Buffer.from([...Buffer.from('PK'), 0x03, 0x04, 0x00, 0xff])],
		['TXT', 'TXT', 'etiqueta-101.txt', 'text/plain', Buffer.from('^XA\n')],
	])('format %s: GET /v2/orders/101/shippinglabel with exactly API_KEY, accountId and format=%s; the file as Alephee sent it', async (format, sent, fileName, mimeType, content) => {
		const result = await downloadLabel({ orderId: '101', format });

		expect(result.error).toBeUndefined();
		const [request] = labelRequests();
		expect(sandbox.requests).toHaveLength(1);
		expect(request.path).toBe('/v2/orders/101/shippinglabel');
		expect(request.query).toEqual({ API_KEY, accountId: String(ACCOUNT), format: sent });
		expect(request.headers.accept).toBe('*/*');
		expect(result.main).toHaveLength(1);
		const [item] = result.main;
		expect(item.json).toEqual({ orderId: 101, accountId: ACCOUNT, format: sent, fileName });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({ fileName, mimeType });
		// Byte for byte, also the bytes that are not text (0x00, 0xff…).
		expect(bytesOf(item).subarray(0, content.length).equals(content)).toBe(true);
		expect(item.binary?.data.bytes).toBe(bytesOf(item).length);
	});

	it('ZPL is the file Alephee calls TXT, byte for byte', async () => {
		const result = await downloadLabel({ orderId: '101', format: 'TXT' });
		expect(bytesOf(result.main[0]).toString('utf8')).toBe(zplLabel(101));
	});

	it('puts the file in the binary field named by Put Output File in Field', async () => {
		const result = await downloadLabel({ orderId: '101', format: 'PDF', binaryPropertyName: 'label' });
		expect(Object.keys(result.main[0].binary ?? {})).toEqual(['label']);
		expect(bytesOf(result.main[0], 'label').subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('a shipment already printed gives its label too', async () => {
		const result = await downloadLabel({ orderId: '103' });
		expect(result.main[0].json).toEqual({ orderId: 103, accountId: ACCOUNT, format: 'PDF', fileName: 'etiqueta-103.pdf' });
	});

	it.each([
		['TXT', 'label-101.txt', 'text/plain', '^XA^FDx^FS^XZ'],
		['PDF', 'label-101.pdf', 'application/pdf', '%PDF-1.4 label'],
		['ZIP', 'label-101.zip', 'application/zip', 'PK\x03\x04label'],
	])('format %s, answered with no file name and a generic type: named %s, typed %s', async (format, fileName, mimeType, body) => {
		sandbox.failNextWith({ endpoint: 'GET /v2/orders/{orderId}/shippinglabel', status: 200, contentType: 'application/octet-stream', body });
		const result = await downloadLabel({ orderId: '101', format });

		expect(result.main[0].json.fileName).toBe(fileName);
		expect(result.main[0].binary?.data).toMatchObject({ fileName, mimeType });
		expect(bytesOf(result.main[0]).toString()).toBe(body);
	});

	describe.each(['base64', 'base64InJson'] as const)('answered as %s text ("File or base64 encoded string")', (answeredAs) => {
		it.each([
			['PDF', 'pdf', 'application/pdf'],
			['ZIP', 'zip', 'application/zip'],
			['TXT', 'txt', 'text/plain'],
		])('format %s: the file\'s real bytes, typed and named as the format', async (format, extension, mimeType) => {
			const asFile = bytesOf((await downloadLabel({ orderId: '101', format })).main[0]);
			sandbox.filesAnsweredAs = answeredAs;
			const result = await downloadLabel({ orderId: '101', format });
			expect(result.error).toBeUndefined();
			const [item] = result.main;
			expect(bytesOf(item).equals(asFile)).toBe(true);
			expect(item.binary?.data).toMatchObject({ fileName: `label-101.${extension}`, mimeType, fileExtension: extension });
		});

		it('three items give three files, each its own, in item order', async () => {
			sandbox.setShipment(ACCOUNT, 102, READY);
			sandbox.filesAnsweredAs = answeredAs;
			const result = await downloadLabel({ orderId: '={{ $json.id }}', format: 'PDF' }, { items: [{ id: 103 }, { id: 101 }, { id: 102 }] });
			expect(result.main.map((item) => item.binary?.data.fileName)).toEqual(['label-103.pdf', 'label-101.pdf', 'label-102.pdf']);
			expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			for (const [index, orderId] of [103, 101, 102].entries()) {
				expect(bytesOf(result.main[index]).toString('latin1')).toContain(`Etiqueta de la orden ${orderId}`);
			}
		});
	});

	it.each([
		['text that is neither the file nor base64', 'text/plain', 'esto no es una etiqueta'],
		['base64 of something that is not a PDF', 'text/plain', Buffer.from('hola').toString('base64')],
		['a JSON object', 'application/json', '{"Status":200,"Message":"OK"}'],
	])('a 200 with %s fails the item in words, no file saved', async (_case, contentType, body) => {
		sandbox.failNextWith({ endpoint: 'GET /v2/orders/{orderId}/shippinglabel', status: 200, contentType, body });
		const result = await downloadLabel({ orderId: '101', format: 'PDF' }, { onError: 'continueRegularOutput' });
		expect(result.main).toHaveLength(1);
		expect(result.main[0].binary).toBeUndefined();
		expect(result.main[0].json.error).toBe("Alephee's answer is not a PDF file (label-101.pdf)");
		expect(String(result.main[0].json.message)).toContain('neither a PDF file nor a PDF file encoded as base64 text');
	});

	it('an empty answer is no label: the item fails, saying so', async () => {
		sandbox.failNextWith({ endpoint: 'GET /v2/orders/{orderId}/shippinglabel', status: 200, contentType: 'application/pdf', body: '' });
		const result = await downloadLabel({ orderId: '101' });
		expect(result.error?.message).toBe('Alephee answered without a file (label-101.pdf)');
	});

	it.each([
		['zpl', 'TXT'],
		[' pdf ', 'PDF'],
		['Zip', 'ZIP'],
		['txt', 'TXT'],
	])('Format %j from an expression is sent as %s', async (format, sent) => {
		const result = await downloadLabel({ orderId: '101', format: '={{ $json.format }}' }, { items: [{ format }] });
		expect(result.error).toBeUndefined();
		expect(labelRequests()[0].query.format).toBe(sent);
	});
});

describe('Order → Download Shipping Label: input checked before anything is sent', () => {
	it.each([
		['an unknown format', { orderId: '101', format: 'EPL' }, 'Format is not valid: "EPL" is not one of PDF, ZIP, TXT, ZPL'],
		['an Order ID that is not a number', { orderId: 'abc' }, 'Order ID is not valid: "abc" is not a whole number'],
		['an empty output field', { orderId: '101', binaryPropertyName: ' ' }, 'Put Output File in Field is not valid: it is empty'],
	])('refuses %s, naming the field; nothing is sent', async (_case, parameters, message) => {
		expectRefusedBeforeSending(await downloadLabel(parameters), sandbox, message);
	});
});

describe('Order → Download Shipping Label: a label that is not ready', () => {
	it.each([
		['pending (the default)', undefined, 'pending'],
		['ready_to_ship but invoice_pending', { status: 'ready_to_ship', substatus: 'invoice_pending' }, 'ready_to_ship/invoice_pending'],
		['shipped', { status: 'shipped', substatus: null }, 'shipped'],
	])('%s: "not available (yet)", when it will be, and Alephee\'s words; not a bare status code', async (_case, shipment, state) => {
		if (shipment) sandbox.setShipment(ACCOUNT, 102, shipment);
		const result = await downloadLabel({ orderId: '102' });

		const error = result.error as unknown as { message: string; description: string; httpCode: string };
		expect(error.message).toBe('The label of order 102 is not available (yet)');
		expect(error.description).toMatch(/once the marketplace marks the shipment ready to print/);
		expect(error.description).toMatch(/after the payment is processed, and in Brazil only after the NF-e is attached to the order/);
		expect(error.description).toContain(`Alephee says: "La etiqueta de la orden 102 no está disponible: el envío está en estado ${state};`);
		expect(error.httpCode).toBe('412');
		expect(labelRequests()).toHaveLength(1);
	});

	it('404 (an order Alephee does not find) is worded the same, with the internal-ID check', async () => {
		const result = await downloadLabel({ orderId: '555' });
		expect(result.error?.message).toBe('The label of order 555 is not available (yet)');
		expect(result.error?.description).toMatch(/check that Order ID is Alephee's internal order ID in account 4321/);
		expect(result.error?.description).toContain('Alephee says: "No se encontró la orden 555 para la cuenta 4321."');
	});

	it('403: an account not tied to the key', async () => {
		const result = await downloadLabel({ accountId: String(OTHER_ACCOUNT), orderId: '101' });
		expect(result.error?.message).toBe('The API key is not allowed to use account 9999');
		expect(result.error?.description).toContain('Alephee says: "La cuenta 9999 no está asociada a esta API_KEY."');
	});

	it('500 in plain text: an internal error while downloading, quoted; a read changes nothing', async () => {
		sandbox.failNextWith({ endpoint: 'GET /v2/orders/{orderId}/shippinglabel', status: 500, body: 'Object reference not set.' });
		const result = await downloadLabel({ orderId: '101' });
		expect(result.error?.message).toBe('Alephee had an internal error while downloading the shipping label of order 101');
		expect(result.error?.description).toMatch(/Nothing was changed in Alephee \(this only reads data\).*Alephee says: "Object reference not set\."/);
	});
});

describe('Order → Download Shipping Label: N items in, N outcomes out, each paired', () => {
	const items = [{ id: 101 }, { id: 102 }, { id: 'x' }, { id: 103 }];

	it('Continue On Fail (regular output): files for the ready ones, errors beside the IDs for the others', async () => {
		const result = await downloadLabel({ orderId: '={{ $json.id }}' }, { items, onError: 'continueRegularOutput' });

		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(result.main.map((item) => item.json.fileName ?? null)).toEqual(['etiqueta-101.pdf', null, null, 'etiqueta-103.pdf']);
		expect(result.main.map((item) => !!item.binary?.data)).toEqual([true, false, false, true]);
		expect(result.main[1].json).toEqual({
			error: 'The label of order 102 is not available (yet)',
			message: expect.stringContaining('ready to print'),
			accountId: ACCOUNT,
			orderId: 102,
		});
		expect(result.main[2].json).toMatchObject({ error: 'Order ID is not valid: "x" is not a whole number', orderId: 'x' });
		expect(labelRequests().map((request) => request.path).sort()).toEqual([
			'/v2/orders/101/shippinglabel',
			'/v2/orders/102/shippinglabel',
			'/v2/orders/103/shippinglabel',
		]);
	});

	it('error output: labels on main, failures on the error output, all paired', async () => {
		const result = await downloadLabel({ orderId: '={{ $json.id }}' }, { items, onError: 'continueErrorOutput' });

		expect(result.main.map((item) => [item.json.orderId, item.pairedItem])).toEqual([
			[101, { item: 0 }],
			[103, { item: 3 }],
		]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(result.errorOutput[0].json).toEqual({ id: 102, error: 'The label of order 102 is not available (yet)', message: expect.any(String) });
	});
});

describe('Order → Download Shipping Label: the API key stays secret', () => {
	it('appears nowhere in the saved execution data or n8n\'s log, files included', async () => {
		capturedLogs.length = 0;
		sandbox.failNextWith({ endpoint: 'GET /v2/orders/{orderId}/shippinglabel', status: 500, body: `Error in /v2/orders/101/shippinglabel?API_KEY=${API_KEY}` });
		for (const onError of ['continueRegularOutput', 'continueErrorOutput', 'stopWorkflow'] as const) {
			const result = await downloadLabel({ orderId: '={{ $json.id }}' }, { items: [{ id: 101 }, { id: 103 }, { id: 102 }, { id: 555 }], onError });
			expect(JSON.stringify(result.run)).not.toContain(API_KEY);
		}
		expect(capturedLogs.join('\n')).not.toContain(API_KEY);
		expect(labelRequests().every((request) => request.query.API_KEY === API_KEY)).toBe(true);
	});
});

describe('Order → Download Shipping Label: labels without a file name, each named after its own item', () => {
	it.each([
		[101, 102],
		[102, 101],
	])('items for orders %i then %i, the first answered last: label-<its own order ID>.pdf, paired to its own input', async (first, second) => {
		sandbox.setShipment(ACCOUNT, 102, READY);
		const relay = await startNamelessRelay(sandbox.baseUrl);
		try {
			const throughRelay = { ...credentials, baseUrl: relay.baseUrl };
			// A budget that knows the limit sends both items at once; a fresh one sends one
			// request first and waits for its answer. So one label is read first, and the limit
			// set so that the two that follow are within the burst.
			sandbox.setEndpointRateLimit('GET /v2/orders/{orderId}/shippinglabel', { perMinute: 6, burst: 10 });
			const warmUp = await runAlephee({ credentials: throughRelay, parameters: { operation: 'downloadShippingLabel', accountId: String(ACCOUNT), orderId: '103' } });
			expect(warmUp.main[0].json.fileName).toBe('label-103.pdf');

			relay.holdAnswerTo = `/v2/orders/${first}/shippinglabel`;
			const result = await runAlephee({
				credentials: throughRelay,
				parameters: { operation: 'downloadShippingLabel', accountId: String(ACCOUNT), orderId: '={{ $json.id }}', format: 'PDF' },
				items: [{ id: first }, { id: second }],
			});

			// The answers really came out of order: the second item's first.
			expect(relay.delivered.slice(1)).toEqual([`/v2/orders/${second}/shippinglabel`, `/v2/orders/${first}/shippinglabel`]);
			expect(result.error).toBeUndefined();
			expect(result.main).toHaveLength(2);
			for (const [index, orderId] of [first, second].entries()) {
				const item = result.main[index];
				const fileName = `label-${orderId}.pdf`;
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json).toEqual({ orderId, accountId: ACCOUNT, format: 'PDF', fileName });
				expect(item.binary?.data).toMatchObject({ fileName, mimeType: 'application/pdf', fileExtension: 'pdf' });
				const bytes = bytesOf(item);
				expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
				expect(bytes.toString('latin1')).toContain(`Etiqueta de la orden ${orderId}\n`);
			}
		} finally {
			await relay.stop();
		}
	});
});
