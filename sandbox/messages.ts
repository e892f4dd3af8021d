/**
 * `POST /v2/orders/{orderId}/messages` as documented (../shared/alephee/lifecycle-endpoints.md
 * §5): Mercado Libre orders only; everything in the query (`message`, `messageOptions`); 1, 2 and
 * 5 send Alephee's template and ignore `message`; 3 (Send Invoice Link) and 4 (Other) send
 * `message`, at most 350 characters; no new message until the buyer has answered the last one.
 * A success answers 200 with a string.
 *
 * Not modelled: attachments (`file`, `fileBase64`: the node does not send them), the countries
 * and logistic types the templates are limited to, and Mexico-only Send Invoice Link (the sandbox
 * knows no country).
 */
import { type OrderInPath, requireMercadoLibre } from './orderInPath';
import { ApiRefusal, readInteger } from './queryParameters';

export const MAX_MESSAGE_LENGTH = 350;

/** `messageOptions` as documented; those that carry the seller's own text. */
const TEMPLATE_OPTIONS = [1, 2, 5];
const OWN_TEXT_OPTIONS = [3, 4];

export interface SentMessage {
	option: number;
	/** The seller's text (3, 4); `null` for a template. */
	text: string | null;
	at: Date;
}

interface Conversation {
	messages: SentMessage[];
	/** A message went out and the buyer has not answered it yet. */
	awaitingReply: boolean;
}

export class BuyerMessages {
	/** By account and order: the documentation speaks of "the buyer"; one conversation per order is our reading. */
	private readonly conversations = new Map<string, Conversation>();

	/** Test hook: the buyer of this order answered the last message, so the seller may send another. */
	buyerReplied(accountId: number, orderId: number): void {
		this.conversation(accountId, orderId).awaitingReply = false;
	}

	/** The messages sent to the buyer of this order, oldest first. */
	sentTo(accountId: number, orderId: number): SentMessage[] {
		return [...this.conversation(accountId, orderId).messages];
	}

	send(target: OrderInPath, query: Record<string, string>, at: Date): { status: number; body: string } {
		requireMercadoLibre(target, 'el envío de mensajes al comprador');
		const option = readInteger(query, 'messageOptions');
		// The node always sends messageOptions; what Alephee does without it is not documented.
		if (option === undefined || ![...TEMPLATE_OPTIONS, ...OWN_TEXT_OPTIONS].includes(option)) {
			throw new ApiRefusal(400, 'El parámetro messageOptions es obligatorio y debe ser 1, 2, 3, 4 o 5.');
		}
		const ownText = OWN_TEXT_OPTIONS.includes(option);
		const text = query.message ?? '';
		if (ownText && !text.trim()) throw new ApiRefusal(400, `El parámetro message es obligatorio con messageOptions=${option}.`);
		// How Alephee counts characters is not documented: the sandbox counts them as a person does.
		if (ownText && [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length > MAX_MESSAGE_LENGTH) {
			throw new ApiRefusal(400, `El mensaje no puede superar los ${MAX_MESSAGE_LENGTH} caracteres.`);
		}
		const conversation = this.conversation(target.order.accountId, target.order.orderId);
		// Alephee lists 409 Conflict for this endpoint without saying when; answering it for the
		// documented "wait for the buyer's reply" rule is our reading.
		if (conversation.awaitingReply) {
			throw new ApiRefusal(409, 'El comprador todavía no respondió el último mensaje. Espere su respuesta para enviar otro.');
		}
		conversation.messages.push({ option, text: ownText ? text : null, at });
		conversation.awaitingReply = true;
		return { status: 200, body: 'Mensaje enviado.' };
	}

	private conversation(accountId: number, orderId: number): Conversation {
		const key = `${accountId}/${orderId}`;
		let conversation = this.conversations.get(key);
		if (!conversation) this.conversations.set(key, (conversation = { messages: [], awaitingReply: false }));
		return conversation;
	}
}
