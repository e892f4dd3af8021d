import { capturedLogs } from '../../../../captureLogs';
import { expectKeyNowhere, outcomes, sandboxRun } from '../sandboxRun';

const API_KEY = 'message-key-93a';
const ACCOUNT = 4300;
const MERCADO_LIBRE = 1;
const TIENDA_NUBE = 9;

const run = sandboxRun({ resource: 'order', operation: 'sendMessage' }, API_KEY, [ACCOUNT]);

beforeEach(() => {
	run.sandbox.addAccount(ACCOUNT, { marketplaces: [{ id: MERCADO_LIBRE, name: 'Mercado Libre' }, { id: TIENDA_NUBE, name: 'Tienda Nube' }] });
	for (const orderId of [700, 701]) {
		run.sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'marketplace', marketplaceId: MERCADO_LIBRE, lines: [{ sku: 'A', quantity: 1 }] });
	}
	run.sandbox.addOrder({ accountId: ACCOUNT, orderId: 702, createdThrough: 'marketplace', marketplaceId: TIENDA_NUBE, lines: [{ sku: 'A', quantity: 1 }] });
});

const messageRequests = () => run.sandbox.requests.filter((request) => request.path.endsWith('/messages'));

describe('Order → Send Message to Buyer: the request', () => {
	it('sends POST /v2/orders/{orderId}/messages with everything in the query, and reports what was sent', async () => {
		const result = await run.run({ orderId: '700', messageOption: 4, message: '  Hola, ¿cuál es tu dirección de facturación?  ' });

		expect(result.main).toEqual([
			{
				json: {
					sent: true,
					accountId: ACCOUNT,
					orderId: 700,
					messageOption: 4,
					messageOptionName: 'Other',
					messageText: 'Hola, ¿cuál es tu dirección de facturación?',
					alepheeMessage: 'Mensaje enviado.',
				},
				pairedItem: { item: 0 },
			},
		]);
		const [request] = messageRequests();
		expect([request.method, request.path, request.body]).toEqual(['POST', '/v2/orders/700/messages', '']);
		expect(request.query).toEqual({
			API_KEY,
			accountId: String(ACCOUNT),
			orderId: '700',
			messageOptions: '4',
			message: 'Hola, ¿cuál es tu dirección de facturación?',
		});
		expect(run.sandbox.requests).toHaveLength(1);
		expect(run.sandbox.messages.sentTo(ACCOUNT, 700)).toEqual([
			{ option: 4, text: 'Hola, ¿cuál es tu dirección de facturación?', at: expect.any(Date) },
		]);
	});

	it.each([
		[1, 'Request Variants'],
		[2, 'Request Billing Info'],
		[5, 'Delivery Promise'],
	])('Message Option %i sends Alephee\'s template: no text goes out, even if one is typed', async (messageOption, name) => {
		const result = await run.run({ orderId: '700', messageOption, message: 'ignored' });

		expect(result.main[0].json).toEqual({
			sent: true,
			accountId: ACCOUNT,
			orderId: 700,
			messageOption,
			messageOptionName: name,
			alepheeMessage: 'Mensaje enviado.',
		});
		expect(messageRequests()[0].query).toEqual({ API_KEY, accountId: String(ACCOUNT), orderId: '700', messageOptions: String(messageOption) });
	});

	it('takes a text of exactly 350 characters, counted as a person counts them (ñ and emoji are one each)', async () => {
		const message = `${'ñ'.repeat(340)}${'🙂'.repeat(10)}`;
		const result = await run.run({ orderId: '700', messageOption: 3, message });

		expect(result.main[0].json).toMatchObject({ sent: true, messageOption: 3, messageOptionName: 'Send Invoice Link', messageText: message });
		expect(messageRequests()[0].query.message).toBe(message);
	});
});

describe('Order → Send Message to Buyer: characters counted as a person counts them', () => {
	// A flag (2 code points), a skin-toned thumb (2), a family (7 with joiners), an é written as e + accent (2).
	const PERSON_CHARACTERS = ['🇦🇷', '👍🏽', '👨‍👩‍👧‍👦', 'e\u0301'];

	it('350 characters with a flag, a skin-toned emoji, a family emoji and a decomposed é is sent', async () => {
		const message = `${'a'.repeat(346)}${PERSON_CHARACTERS.join('')}`;
		expect([...message].length).toBeGreaterThan(350);
		const result = await run.run({ orderId: '700', messageOption: 4, message });
		expect(result.error).toBeUndefined();
		expect(result.main[0].json).toMatchObject({ sent: true });
		expect(messageRequests()[0].query.message).toBe(message);
	});

	it('351 such characters are refused before sending, counted the same way', async () => {
		const message = `${'a'.repeat(347)}${PERSON_CHARACTERS.join('')}`;
		const result = await run.run({ orderId: '700', messageOption: 4, message });
		expect(result.error?.message).toBe('Message is not valid: it has 351 characters (counted as a person reads them: an emoji or a flag is one); Alephee takes at most 350');
		expect(messageRequests()).toHaveLength(0);
	});

	it('if Alephee counts otherwise and refuses, its words reach the user', async () => {
		run.sandbox.failNextWith({
			endpoint: 'POST /v2/orders/{orderId}/messages',
			status: 400,
			contentType: 'application/json',
			body: JSON.stringify({ Status: 400, Message: 'El mensaje no puede superar los 350 caracteres.' }),
		});
		const result = await run.run({ orderId: '700', messageOption: 4, message: `${'a'.repeat(340)}${'🇦🇷'.repeat(10)}` });
		expect(result.error?.message).toBe('Alephee rejected the message to the buyer of order 700 as invalid');
		expect(result.error?.description).toContain('El mensaje no puede superar los 350 caracteres.');
	});
});

describe('Order → Send Message to Buyer: Alephee\'s refusals, in words', () => {
	it('a second message before the buyer answered: refused (409), quoting Alephee; accepted once the buyer replied', async () => {
		const first = await run.run({ orderId: '700', messageOption: 4, message: 'Primer mensaje' });
		expect(first.main[0].json.sent).toBe(true);

		const second = await run.run({ orderId: '700', messageOption: 4, message: 'Segundo mensaje' });
		expect(second.error?.message).toBe('Alephee refused the message: the buyer has not answered the last one yet (order 700)');
		expect(second.error?.description).toMatch(/accepts a new message only once the buyer has answered the last one/);
		expect(second.error?.description).toMatch(/reading it as this case is ours/);
		expect(second.error?.description).toContain(
			'Alephee says: "El comprador todavía no respondió el último mensaje. Espere su respuesta para enviar otro."',
		);

		run.sandbox.messages.buyerReplied(ACCOUNT, 700);
		const third = await run.run({ orderId: '700', messageOption: 4, message: 'Segundo mensaje' });
		expect(third.main[0].json.sent).toBe(true);
		expect(run.sandbox.messages.sentTo(ACCOUNT, 700).map((message) => message.text)).toEqual(['Primer mensaje', 'Segundo mensaje']);
	});

	it('two items for one order in one run go in item order: the first is sent, the second refused', async () => {
		const result = await run.run(
			{ orderId: '700', messageOption: 4, message: '={{ $json.text }}' },
			{ items: [{ text: 'uno' }, { text: 'dos' }], onError: 'continueRegularOutput' },
		);

		expect(result.main.map((item) => [item.json.messageText ?? item.json.error, item.pairedItem])).toEqual([
			['uno', { item: 0 }],
			['Alephee refused the message: the buyer has not answered the last one yet (order 700)', { item: 1 }],
		]);
	});

	it('an order that is not Mercado Libre\'s: refused, saying messages are for Mercado Libre buyers', async () => {
		const result = await run.run({ orderId: '702', messageOption: 4, message: 'Hola' });
		expect(result.error?.message).toBe('Alephee refused to send the message to the buyer of order 702');
		expect(result.error?.description).toMatch(/^Messages go only to buyers of Mercado Libre orders/);
		expect(result.error?.description).toContain('Alephee says: "La orden 702 no es de Mercado Libre');
	});

	it('an order that does not exist: the shared not-found words', async () => {
		const result = await run.run({ orderId: '999', messageOption: 2 });
		expect(result.error?.message).toBe(`Order 999 was not found in account ${ACCOUNT}`);
		expect(result.error?.description).toContain('No se encontró la orden 999');
	});

	it('a 500: the message may or may not have been sent, no retry', async () => {
		run.sandbox.failNextWith({ endpoint: 'POST /v2/orders/{orderId}/messages', status: 500, body: 'Error interno' });
		const result = await run.run({ orderId: '700', messageOption: 2 });
		expect(result.error?.message).toBe('Alephee had an internal error while sending a message to the buyer of order 700');
		expect(result.error?.description).toMatch(/^The message may or may not have been sent: check it in Alephee/);
		expect(messageRequests()).toHaveLength(1);
	});
});

describe('Order → Send Message to Buyer: input checked before anything is sent', () => {
	it.each([
		['a Message of 351 characters', { messageOption: 4, message: 'x'.repeat(351) }, 'Message is not valid: it has 351 characters (counted as a person reads them: an emoji or a flag is one); Alephee takes at most 350'],
		['no Message with Other (4)', { messageOption: 4, message: '' }, 'Message is not valid: it is empty'],
		['only spaces with Send Invoice Link (3)', { messageOption: 3, message: '   ' }, 'Message is not valid: it is empty'],
		['a Message Option Alephee does not document', { messageOption: '={{ 6 }}', message: 'Hola' }, 'Message Option is not valid: "6" is not one of 1, 2, 3, 4, 5'],
		['an Order ID that is not a number', { orderId: 'abc', messageOption: 2 }, 'Order ID is not valid: "abc" is not a whole number'],
	])('refuses %s, naming the field; the sandbox gets nothing', async (_case, parameters, expected) => {
		const result = await run.run({ orderId: '700', ...parameters });

		expect(result.error?.message).toBe(expected);
		expect(result.error?.description).toMatch(/Nothing was sent to Alephee\.$/);
		expect(run.sandbox.requests).toHaveLength(0);
	});

	it('says in the refusal when Message is required', async () => {
		const result = await run.run({ orderId: '700', messageOption: 4, message: '' });
		expect(result.error?.description).toMatch(/^Message must be text of at most 350 characters; it is required for Send Invoice Link \(3\) and Other \(4\)\./);
	});
});

describe('Order → Send Message to Buyer: N items in, N outcomes out, each paired', () => {
	const items = [
		{ order: 700, text: 'Hola' },
		{ order: 702, text: 'Hola' },
		{ order: 701, text: '' },
		{ order: 701, text: 'Hola' },
	];
	const parameters = { orderId: '={{ $json.order }}', messageOption: 4, message: '={{ $json.text }}' };

	it('Continue On Fail (regular output): failures carry the order they were for', async () => {
		const result = await run.run(parameters, { items, onError: 'continueRegularOutput' });

		expect(result.main.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(result.main.map((item) => item.json.sent ?? false)).toEqual([true, false, false, true]);
		expect(result.main[1].json).toEqual({
			error: 'Alephee refused to send the message to the buyer of order 702',
			message: expect.stringContaining('Alephee says:'),
			accountId: ACCOUNT,
			orderId: 702,
		});
		expect(result.main[2].json).toMatchObject({ error: 'Message is not valid: it is empty', orderId: 701 });
		expect(messageRequests().map((request) => request.path)).toEqual(['/v2/orders/700/messages', '/v2/orders/702/messages', '/v2/orders/701/messages']);
	});

	it('error output: successes on main, failures on the error output, all paired', async () => {
		const result = await run.run(parameters, { items, onError: 'continueErrorOutput' });

		expect(outcomes(result, 'orderId')).toEqual({
			main: [[700, 0], [701, 3]],
			errors: [
				['Alephee refused to send the message to the buyer of order 702', 1],
				['Message is not valid: it is empty', 2],
			],
		});
	});
});

describe('Order → Send Message to Buyer: the API key stays secret', () => {
	it('appears nowhere in the saved run or n8n\'s log, even when Alephee quotes it back', async () => {
		capturedLogs.length = 0;
		run.sandbox.failNextWith({ endpoint: 'POST /v2/orders/{orderId}/messages', status: 500, body: `Fallo con API_KEY=${API_KEY}` });
		const parameters = { orderId: '={{ $json.order }}', messageOption: 4, message: 'Hola' };
		await expectKeyNowhere(run, API_KEY, parameters, [{ order: 700 }, { order: 701 }, { order: 702 }]);
		expect(capturedLogs.join('\n')).not.toContain(API_KEY);
		expect(messageRequests().every((request) => request.query.API_KEY === API_KEY)).toBe(true);
	});
});
