/**
 * A stand-in for Alephee's API v2 on 127.0.0.1, following ../shared/alephee/: the key in the
 * `API_KEY` query parameter, `{Status, Message}` error bodies (plain text for 500), an empty
 * 304, and a GCRA rate limit per API key with the `x-ratelimit-*` headers on every answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RateLimitSettings {
	perMinute: number;
	burst: number;
}

export interface OrderLine {
	sku: string;
	quantity: number;
}

export interface SandboxOrder {
	accountId: number;
	orderId: number;
	/** `api`: created through POST /v2/orders; `marketplace`: from a natively connected channel. */
	createdThrough: 'api' | 'marketplace';
	lines: OrderLine[];
	status: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Names of the headers the client sent, lower-cased. */
	headerNames: string[];
	body: string;
	receivedAt: number;
	answeredWith?: number;
}

/** A scripted answer for the next DELETE, whatever the order. */
export type Fault =
	| { status: number; body?: string; contentType?: string; retryAfterSeconds?: number }
	| { hang: true }
	| { drop: true };

export const ORDER_STATUS_PENDING_SHIPPING = 10;
export const ORDER_STATUS_DELETED = 70;

/** With the limiter off the headers still come, with a budget nothing reaches. */
const UNLIMITED: RateLimitSettings = { perMinute: 1_000_000, burst: 1_000_000 };

export class AlepheeSandbox {
	readonly requests: RecordedRequest[] = [];

	private readonly keys = new Map<string, Set<number>>();

	private readonly orders = new Map<string, SandboxOrder>();

	private readonly stock = new Map<string, number>();

	private readonly faults: Fault[] = [];

	private readonly theoreticalArrival = new Map<string, number>();

	private readonly sockets = new Set<Socket>();

	private rateLimit: RateLimitSettings;

	rejectedByRateLimit = 0;

	private constructor(
		private readonly server: Server,
		rateLimit?: RateLimitSettings,
	) {
		this.rateLimit = rateLimit ?? UNLIMITED;
	}

	static async start(options: { rateLimit?: RateLimitSettings; port?: number } = {}): Promise<AlepheeSandbox> {
		const server = createServer((req, res) => sandbox.handle(req, res));
		server.keepAliveTimeout = 60_000;
		const sandbox = new AlepheeSandbox(server, options.rateLimit);
		server.on('connection', (socket) => {
			sandbox.sockets.add(socket);
			socket.on('close', () => sandbox.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
		return sandbox;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v2`;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	setRateLimit(rateLimit: RateLimitSettings | undefined): void {
		this.rateLimit = rateLimit ?? UNLIMITED;
		this.theoreticalArrival.clear();
	}

	addKey(apiKey: string, accountIds: number[]): void {
		this.keys.set(apiKey, new Set(accountIds));
	}

	addOrder(order: Omit<SandboxOrder, 'status'> & { status?: number }): void {
		for (const line of order.lines) {
			this.stock.set(stockKey(order.accountId, line.sku), this.stockOf(order.accountId, line.sku));
		}
		this.orders.set(orderKey(order.accountId, order.orderId), {
			...order,
			status: order.status ?? ORDER_STATUS_PENDING_SHIPPING,
		});
	}

	setStock(accountId: number, sku: string, available: number): void {
		this.stock.set(stockKey(accountId, sku), available);
	}

	stockOf(accountId: number, sku: string): number {
		return this.stock.get(stockKey(accountId, sku)) ?? 0;
	}

	order(accountId: number, orderId: number): SandboxOrder | undefined {
		return this.orders.get(orderKey(accountId, orderId));
	}

	failNextWith(...faults: Fault[]): void {
		this.faults.push(...faults);
	}

	deleteRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.method === 'DELETE');
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://sandbox');
			const recorded: RecordedRequest = {
				method: req.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headerNames: Object.keys(req.headers),
				body,
				receivedAt: Date.now(),
			};
			this.requests.push(recorded);
			const reply = (status: number, payload?: unknown, extraHeaders: Record<string, string> = {}) => {
				recorded.answeredWith = status;
				this.send(res, status, payload, { ...rateHeaders, ...extraHeaders });
			};

			const apiKey = recorded.query.API_KEY ?? '';
			const rateHeaders = this.chargeRateLimit(apiKey);
			if (rateHeaders['x-ratelimit-retryafter'] !== '-1') {
				this.rejectedByRateLimit++;
				return reply(429, { Status: 429, Message: 'Se superó el límite de solicitudes. Intente nuevamente más tarde.' });
			}
			const accounts = this.keys.get(apiKey);
			if (!accounts) {
				return reply(401, { Status: 401, Message: 'API_KEY inválida o inexistente.' });
			}
			if (req.method === 'GET' && url.pathname === '/v2/accounts') {
				return reply(
					200,
					[...accounts].map((id) => ({ Id: id, DocType: 'CUIT', DocNumber: `30-${id}-9`, Name: `Account ${id}`, BusinessName: `Seller ${id} SA` })),
				);
			}
			if (url.pathname === '/v2/orders' && req.method === 'DELETE') {
				const fault = this.faults.shift();
				if (fault) return this.applyFault(fault, res, recorded, rateHeaders);
				return this.deleteOrder(recorded.query, accounts, reply);
			}
			return reply(404, { Status: 404, Message: `Recurso no encontrado: ${req.method} ${url.pathname}` });
		});
	}

	private deleteOrder(
		query: Record<string, string>,
		accounts: Set<number>,
		reply: (status: number, payload?: unknown) => void,
	): void {
		const accountId = parseInteger(query.accountId);
		const orderId = parseInteger(query.orderId);
		if (accountId === undefined) {
			return reply(400, { Status: 400, Message: 'El parámetro accountId es obligatorio y debe ser numérico.' });
		}
		if (!accounts.has(accountId)) {
			return reply(403, { Status: 403, Message: `La cuenta ${accountId} no está asociada a esta API_KEY.` });
		}
		if (orderId === undefined) {
			return reply(400, { Status: 400, Message: 'El parámetro orderId es obligatorio y debe ser numérico.' });
		}
		const order = this.order(accountId, orderId);
		if (!order) {
			return reply(404, { Status: 404, Message: `No se encontró la orden ${orderId} para la cuenta ${accountId}.` });
		}
		if (order.createdThrough !== 'api') {
			return reply(412, {
				Status: 412,
				Message: 'La orden pertenece a un canal conectado de forma nativa y no puede ser eliminada.',
			});
		}
		if (order.status === ORDER_STATUS_DELETED) {
			return reply(304);
		}
		order.status = ORDER_STATUS_DELETED;
		if (query.revertStock === 'true') {
			for (const line of order.lines) {
				this.setStock(accountId, line.sku, this.stockOf(accountId, line.sku) + line.quantity);
			}
		}
		return reply(204);
	}

	private applyFault(
		fault: Fault,
		res: ServerResponse,
		recorded: RecordedRequest,
		rateHeaders: Record<string, string>,
	): void {
		if ('hang' in fault) return; // never answers; the client's timeout decides
		if ('drop' in fault) {
			res.socket?.destroy();
			return;
		}
		recorded.answeredWith = fault.status;
		const headers: Record<string, string> = { ...rateHeaders };
		if (fault.retryAfterSeconds !== undefined) headers['x-ratelimit-retryafter'] = String(fault.retryAfterSeconds);
		res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8', ...headers });
		res.end(fault.body ?? '');
	}

	private send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string>): void {
		if (status === 204 || status === 304 || payload === undefined) {
			res.writeHead(status, headers);
			res.end();
			return;
		}
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
		res.end(JSON.stringify(payload));
	}

	/**
	 * GCRA: each request moves the key's theoretical arrival time (TAT) one emission interval
	 * on; a request is refused when the TAT is more than the burst tolerance ahead of now.
	 */
	private chargeRateLimit(apiKey: string): Record<string, string> {
		const { perMinute, burst } = this.rateLimit;
		const interval = 60_000 / perMinute;
		const tolerance = (burst - 1) * interval;
		const now = Date.now();
		const tat = Math.max(this.theoreticalArrival.get(apiKey) ?? now, now);
		const headers = (remaining: number, untilFull: number, retryAfter: number) => ({
			'x-ratelimit-limit': String(perMinute),
			'x-ratelimit-remaining': String(Math.max(0, remaining)),
			'x-ratelimit-reset': String(Math.ceil(Math.max(0, untilFull) / 1000)),
			'x-ratelimit-retryafter': String(retryAfter),
		});
		if (tat - now > tolerance) {
			const waitMs = tat - tolerance - now;
			return headers(0, tat - now, Math.max(1, Math.ceil(waitMs / 1000)));
		}
		const newTat = tat + interval;
		this.theoreticalArrival.set(apiKey, newTat);
		return headers(Math.floor(burst - (newTat - now) / interval), newTat - now, -1);
	}
}

function parseInteger(value: string | undefined): number | undefined {
	return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

const orderKey = (accountId: number, orderId: number) => `${accountId}/${orderId}`;
const stockKey = (accountId: number, sku: string) => `${accountId}/${sku}`;
