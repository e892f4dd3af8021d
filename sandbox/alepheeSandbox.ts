/**
 * A stand-in for Alephee's API v2 on 127.0.0.1, following ../shared/alephee/: the key in the
 * `API_KEY` query parameter, `{Status, Message}` error bodies (plain text for 500), an empty
 * 304, a GCRA rate limit per API key and endpoint with the `x-ratelimit-*` headers on every
 * answer, the order list with its filters and paging envelope, status updates, accounts,
 * products with their batch update, created orders (orderCreate.ts), shipping labels and order
 * documents (orderFiles.ts), buyer messages, cart splits and stores (in their own files).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { type FileAnswer, type FileRequest, OrderFiles, type Shipment, type StoredDocument } from './orderFiles';
import { BuyerMessages } from './messages';
import { listPage } from './listPage';
import { listOrders, ORDER_SORTS } from './orderList';
import type { OrderInPath } from './orderInPath';
import {
	changeStatus,
	type NewOrder,
	newOrder,
	ORDER_STATUS_DELETED,
	orderAsSent,
	type SandboxOrder,
	type SellerAccount,
} from './orderStore';
import {
	applyProductChanges,
	batchAnswer,
	listProducts,
	type NewProduct,
	newProduct,
	type PriceList,
	productAsSent,
	readProductChanges,
	type SandboxProduct,
} from './productStore';
import { readNewOrder } from './orderCreate';
import { matchPathRoute } from './pathRoutes';
import { ApiRefusal, readInteger, requiredInteger } from './queryParameters';
import { RateLimitBudgets, type RateLimitSettings } from './rateLimit';
import { splitOrder } from './split';
import { readStatusUpdates, updateStatus } from './statusUpdate';
import { SandboxListings } from './listings';
import { SandboxStores } from './stores';

export {
	ORDER_STATUS_CANCELLED,
	ORDER_STATUS_DELETED,
	ORDER_STATUS_DELIVERED,
	ORDER_STATUS_NAMES,
	ORDER_STATUS_PENDING_SHIPPING,
	STATUS_TYPES,
} from './orderStore';
export type { NewOrder, OrderLine, SandboxOrder, Tracking } from './orderStore';
export { DEFAULT_SHIPMENT, parseMultipart, zplLabel, type Shipment, type StoredDocument } from './orderFiles';
export type { NewProduct, PriceList, SandboxProduct } from './productStore';
export type { SentMessage } from './messages';
export type { NewStore } from './stores';
export type { NewListing } from './listings';
export type { RateLimitSettings } from './rateLimit';
export { UPDATABLE_STATUSES } from './statusUpdate';

/** The endpoints the sandbox serves, named as rate limits, caps and faults refer to them. */
export const SANDBOX_ENDPOINTS = [
	'GET /v2/accounts',
	'GET /v2/accounts/{accountId}/marketplaces',
	'GET /v2/accounts/{accountId}/stores',
	'GET /v2/orders',
	'POST /v2/orders',
	'PUT /v2/orders',
	'DELETE /v2/orders',
	'POST /v2/orders/{orderId}/messages',
	'POST /v2/orders/{orderId}/split',
	'GET /v2/products',
	'POST /v2/products',
	'GET /v2/orders/{orderId}/shippinglabel',
	'POST /v2/orders/{orderId}/documents',
	'GET /v2/orders/{orderId}/documents',
	'GET /v2/productlistings/search',
	'PUT /v2/productlistings/update-status',
	'POST /v2/productlistings/discounts',
] as const;
export type SandboxEndpoint = (typeof SANDBOX_ENDPOINTS)[number];

export interface RecordedRequest {
	method: string;
	path: string;
	/** The endpoint as in SANDBOX_ENDPOINTS, or `METHOD path` for a path the sandbox does not serve. */
	endpoint: string;
	query: Record<string, string>;
	/** Names of the headers the client sent, lower-cased. */
	headerNames: string[];
	body: string;
	/** The body's bytes (a multipart upload's file is not text). */
	rawBody: Buffer;
	/** The headers the client sent, names lower-cased. */
	headers: Record<string, string | string[] | undefined>;
	receivedAt: number;
	answeredWith?: number;
}

/** A scripted answer for the next request to `endpoint` (DELETE /v2/orders when left out). */
export type Fault = (
	| {
			status: number;
			body?: string;
			contentType?: string;
			retryAfterSeconds?: number;
			/** Headers to send as well (a redirect's `location`, rate-limit headers that override the real ones). */
			headers?: Record<string, string>;
	  }
	| { hang: true }
	| { drop: true }
) & { endpoint?: SandboxEndpoint };

export interface Marketplace {
	id: number;
	name: string;
}

/** What GET /v2/accounts says of an account; each field left out keeps its default. */
export interface AccountSettings {
	name?: string;
	businessName?: string;
	docType?: string;
	docNumber?: string;
	ownCode?: string | null;
	/** Defaults to DEFAULT_MARKETPLACES. */
	marketplaces?: Marketplace[];
}

export const DEFAULT_MARKETPLACES: readonly Marketplace[] = [{ id: 1, name: 'Mercado Libre' }];

interface Answer {
	status: number;
	body?: unknown;
	/** A file to answer with instead of a JSON body. */
	file?: FileAnswer;
}

export class AlepheeSandbox {
	readonly requests: RecordedRequest[] = [];

	rejectedByRateLimit = 0;

	/**
	 * A stand-in for the marketplace: when set, the shipment of every order created through the
	 * API is at once in this state (say, ready to print), so its label can be downloaded.
	 */
	shipmentOfCreatedOrders: Shipment | undefined;

	/**
	 * A list running behind: an order created through the API is listed only this many
	 * milliseconds after its 201 (0: at once). Alephee does not say how soon it lists one.
	 */
	createdOrdersListedAfterMs = 0;

	private readonly listedFrom = new Map<string, number>();

	/**
	 * How files (labels, documents) are answered. Alephee documents the label's 200 as "File or
	 * base64 encoded string": `file` sends the bytes with a name; `base64` the bare base64 text
	 * (text/plain, no name); `base64InJson` the same text as a JSON string (application/json).
	 */
	filesAnsweredAs: 'file' | 'base64' | 'base64InJson' = 'file';

	/** The clock of order dates (creation, status changes); rate limits always use real time. */
	now: () => Date = () => new Date();

	/** Messages to buyers (`buyerReplied`, `sentTo`) and the accounts' stores (`add`), for tests. */
	readonly messages = new BuyerMessages();

	readonly stores = new SandboxStores(() => this.now());

	/** The accounts' product listings (`add`, `setStatus`), for tests. */
	readonly listings = new SandboxListings();

	private readonly liveChanges: Array<{ endpoint: SandboxEndpoint; act: (request: RecordedRequest) => void }> = [];

	private readonly keys = new Map<string, Set<number>>();

	private readonly accounts = new Map<number, AccountSettings>();

	private readonly orders = new Map<string, SandboxOrder>();

	private readonly stock = new Map<string, number>();

	private readonly faults: Fault[] = [];

	private readonly products: SandboxProduct[] = [];

	private readonly priceLists = new Map<number, PriceList[]>();

	private readonly objectCaps = new Map<SandboxEndpoint, number>();

	private readonly sockets = new Set<Socket>();

	private readonly files = new OrderFiles();

	private readonly rateLimits: RateLimitBudgets;

	private constructor(
		private readonly server: Server,
		rateLimit?: RateLimitSettings,
	) {
		this.rateLimits = new RateLimitBudgets(rateLimit);
	}

	/**
	 * A live account: `act` runs right after each answer to `endpoint`, before the next request is
	 * read, as an ERP integrating orders or a marketplace shipping them would between two page
	 * reads. Returns the function that stops it.
	 */
	changeAfterEachAnswer(endpoint: SandboxEndpoint, act: (request: RecordedRequest) => void): () => void {
		const change = { endpoint, act };
		this.liveChanges.push(change);
		return () => {
			const at = this.liveChanges.indexOf(change);
			if (at >= 0) this.liveChanges.splice(at, 1);
		};
	}

	/** `rateLimit` is the default of every endpoint; without it the limit is off. */
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

	/** The limit of every endpoint without one of its own (`undefined`: off); budgets start full. */
	setRateLimit(rateLimit: RateLimitSettings | undefined): void {
		this.rateLimits.setDefault(rateLimit);
	}

	/** One endpoint's own limit (`undefined`: back to the default); its budgets start full. */
	setEndpointRateLimit(endpoint: SandboxEndpoint, rateLimit: RateLimitSettings | undefined): void {
		this.rateLimits.setForEndpoint(endpoint, rateLimit);
	}

	/**
	 * The most objects one call may carry: a read asking for more answers 206 with the first
	 * `cap`, a write carrying more answers 413 and processes nothing. `undefined`: no cap.
	 */
	setObjectCap(endpoint: SandboxEndpoint, cap: number | undefined): void {
		if (cap === undefined) this.objectCaps.delete(endpoint);
		else this.objectCaps.set(endpoint, cap);
	}

	addKey(apiKey: string, accountIds: number[]): void {
		this.keys.set(apiKey, new Set(accountIds));
	}

	/** Describes an account (merged over what was set before); addKey ties it to a key. */
	addAccount(accountId: number, settings: AccountSettings): void {
		this.accounts.set(accountId, { ...this.accounts.get(accountId), ...settings });
	}

	addOrder(order: NewOrder): SandboxOrder {
		for (const line of order.lines) {
			this.stock.set(stockKey(order.accountId, line.sku), this.stockOf(order.accountId, line.sku));
		}
		const created = newOrder(order, { now: this.now(), marketplaceId: this.marketplacesOf(order.accountId)[0]?.id ?? 1 });
		this.orders.set(orderKey(order.accountId, order.orderId), created);
		return created;
	}

	/** Changes an order's status as Alephee or its marketplace would, moving its status date to `at`. */
	setOrderStatus(accountId: number, orderId: number, status: number, at: Date = this.now()): void {
		const order = this.order(accountId, orderId);
		if (!order) throw new Error(`The sandbox has no order ${orderId} in account ${accountId}`);
		changeStatus(order, status, at);
	}

	/**
	 * The marketplace approves a pending payment: the order leaves the pending list. `LastUpdated`
	 * moves; whether the status date moves is not documented, so it stays (the harder case).
	 */
	approvePayment(accountId: number, orderId: number, at: Date = this.now()): void {
		const order = this.order(accountId, orderId);
		if (!order) throw new Error(`The sandbox has no order ${orderId} in account ${accountId}`);
		order.pendingPayment = false;
		order.lastUpdated = at;
	}

	/** An ERP marks the order as integrated (Alephee's PUT orders/integrate, whose body is not published). */
	markIntegrated(accountId: number, orderId: number, at: Date = this.now()): void {
		const order = this.order(accountId, orderId);
		if (!order) throw new Error(`The sandbox has no order ${orderId} in account ${accountId}`);
		order.integrated = true;
		order.lastUpdated = at;
	}

	/** The order's shipment as the marketplace reports it; the label is available only when it is ready to print. */
	setShipment(accountId: number, orderId: number, shipment: Shipment): void {
		this.files.setShipment(accountId, orderId, shipment);
	}

	/** The documents attached to an order (of one type, or all), oldest first. */
	documentsOf(accountId: number, orderId: number, documentType?: number): StoredDocument[] {
		return this.files.documentsOf(accountId, orderId, documentType);
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

	/** The order as GET /v2/orders would send it. */
	orderAsSent(accountId: number, orderId: number): Record<string, unknown> | undefined {
		const order = this.order(accountId, orderId);
		return order && this.renderOrder(order);
	}

	/** A product of an account; its stock is the account's stock of its SKU. */
	addProduct(product: NewProduct, stock?: number): SandboxProduct {
		const created = newProduct(product, this.products.length + 1, this.now());
		this.products.push(created);
		if (stock !== undefined) this.setStock(product.accountId, product.sku, stock);
		return created;
	}

	product(accountId: number, sku: string): SandboxProduct | undefined {
		return this.productsOf(accountId).find((product) => product.sku === sku);
	}

	/** The account's price lists (default: one, "Lista general", ID 1). */
	setPriceLists(accountId: number, priceLists: PriceList[]): void {
		this.priceLists.set(accountId, priceLists);
	}

	failNextWith(...faults: Fault[]): void {
		this.faults.push(...faults);
	}

	/** Every DELETE, to whatever path it went. */
	deleteRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.method === 'DELETE');
	}

	requestsTo(endpoint: SandboxEndpoint): RecordedRequest[] {
		return this.requests.filter((request) => request.endpoint === endpoint);
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const body = rawBody.toString();
			const url = new URL(req.url ?? '/', 'http://sandbox');
			const route = routeOf(req.method ?? '', url.pathname);
			const recorded: RecordedRequest = {
				method: req.method ?? '',
				path: url.pathname,
				endpoint: route?.endpoint ?? `${req.method} ${url.pathname}`,
				query: Object.fromEntries(url.searchParams),
				headerNames: Object.keys(req.headers),
				body,
				rawBody,
				headers: req.headers,
				receivedAt: Date.now(),
			};
			this.requests.push(recorded);
			const apiKey = recorded.query.API_KEY ?? '';
			const { allowed, headers } = this.rateLimits.charge(apiKey, recorded.endpoint);
			const reply = ({ status, body: payload, file }: Answer) => {
				recorded.answeredWith = status;
				this.send(res, status, payload, headers, file);
				for (const change of this.liveChanges) if (change.endpoint === recorded.endpoint) change.act(recorded);
			};

			if (!allowed) {
				this.rejectedByRateLimit++;
				return reply(refusal(429, 'Se superó el límite de solicitudes. Intente nuevamente más tarde.'));
			}
			const accounts = this.keys.get(apiKey);
			if (!accounts) return reply(refusal(401, 'API_KEY inválida o inexistente.'));
			if (!route) return reply(refusal(404, `Recurso no encontrado: ${req.method} ${url.pathname}`));
			const fault = this.takeFault(route.endpoint);
			if (fault) return this.applyFault(fault, res, recorded, headers);
			try {
				return reply(this.answer(route, recorded, accounts));
			} catch (caught) {
				if (caught instanceof ApiRefusal) return reply(refusal(caught.status, caught.message));
				throw caught;
			}
		});
	}

	private answer(route: Route, request: RecordedRequest, accounts: Set<number>): Answer {
		const { query } = request;
		switch (route.endpoint) {
			case 'GET /v2/accounts':
				return { status: 200, body: this.listAccounts(accounts, query.documentNumber) };
			case 'GET /v2/accounts/{accountId}/marketplaces': {
				const accountId = checkAccount({ accountId: route.accountId ?? '' }, accounts);
				return { status: 200, body: this.marketplacesOf(accountId).map(({ id, name }) => ({ Id: id, Name: name })) };
			}
			case 'GET /v2/orders':
				return this.listOrders(query, accounts);
			case 'POST /v2/orders':
				return this.createOrder(query, request.body, accounts);
			case 'PUT /v2/orders':
				return this.updateStatuses(query, request.body, accounts);
			case 'DELETE /v2/orders':
				return this.deleteOrder(query, accounts);
			case 'GET /v2/products':
				return this.listProducts(query, accounts);
			case 'POST /v2/products':
				return this.updateProducts(query, request.body, accounts);
			case 'GET /v2/orders/{orderId}/shippinglabel':
			case 'POST /v2/orders/{orderId}/documents':
			case 'GET /v2/orders/{orderId}/documents': {
				const accountId = checkAccount(query, accounts);
				const { rawBody, headers } = request;
				const contentType = headers['content-type'] as string | undefined;
				const findOrder = (orderId: number) => this.order(accountId, orderId);
				return this.files.answer({ endpoint: route.endpoint, accountId, orderId: route.orderId ?? '', query, rawBody, contentType, findOrder } satisfies FileRequest);
			}
			case 'POST /v2/orders/{orderId}/messages':
				return this.messages.send(this.orderInPath(route, query, accounts), query, this.now());
			case 'POST /v2/orders/{orderId}/split':
				return splitOrder(this.orderInPath(route, query, accounts), query, this.now());
			case 'GET /v2/accounts/{accountId}/stores':
				return this.stores.list(checkAccount({ accountId: route.accountId ?? '' }, accounts), query, this.objectCaps.get(route.endpoint));
			case 'GET /v2/productlistings/search':
				return this.listings.search(checkAccount(query, accounts), query, this.objectCaps.get(route.endpoint));
			case 'PUT /v2/productlistings/update-status':
				return this.listings.updateStatus(checkAccount(query, accounts), query, request.body, this.objectCaps.get(route.endpoint));
			case 'POST /v2/productlistings/discounts':
				return this.listings.applyDiscounts(checkAccount(query, accounts), request.body, this.objectCaps.get(route.endpoint));
		}
	}

	/** The order a path names (`/v2/orders/{orderId}/…`), in an account of the key. */
	private orderInPath(route: Route, query: Record<string, string>, accounts: Set<number>): OrderInPath {
		const accountId = checkAccount(query, accounts);
		const orderId = requiredInteger({ orderId: route.orderId ?? '' }, 'orderId');
		const order = this.order(accountId, orderId);
		if (!order) throw new ApiRefusal(404, `No se encontró la orden ${orderId} para la cuenta ${accountId}.`);
		const marketplace = this.marketplacesOf(accountId).find(({ id }) => id === order.marketplaceId);
		const accountOrders = [...this.orders.values()].filter((other) => other.accountId === accountId);
		return { order, marketplaceName: marketplace?.name ?? '', accountOrders };
	}

	private listProducts(query: Record<string, string>, accounts: Set<number>): Answer {
		const accountId = checkAccount(query, accounts);
		const matching = listProducts(this.productsOf(accountId), query);
		const byId = { Id: 'ID', Name: 'ID' };
		return listPage(matching, query, this.objectCaps.get('GET /v2/products'), { sortBy: byId, sorts: [byId] }, (product) =>
			productAsSent(product, this.stockOf(accountId, product.sku), this.priceListsOf(accountId)),
		);
	}

	private updateProducts(query: Record<string, string>, body: string, accounts: Set<number>): Answer {
		const accountId = checkAccount(query, accounts);
		const changes = readProductChanges(body);
		const cap = this.objectCaps.get('POST /v2/products');
		if (cap !== undefined && changes.length > cap) {
			return refusal(413, `Se enviaron ${changes.length} productos; el máximo por solicitud es ${cap}.`);
		}
		const priceLists = this.priceListsOf(accountId);
		const named = readInteger(query, 'priceListId');
		if (named !== undefined && !priceLists.some((list) => list.Id === named)) {
			return refusal(400, `La lista de precios ${named} no existe en la cuenta ${accountId}.`);
		}
		const results = applyProductChanges(changes, {
			find: (sku, brand) =>
				this.productsOf(accountId).find(
					(product) => product.sku.toLowerCase() === sku.toLowerCase() && (brand === undefined || product.brand.toLowerCase() === brand.toLowerCase()),
				),
			stockOf: (product) => this.stockOf(accountId, product.sku),
			setStock: (product, quantity) => this.setStock(accountId, product.sku, quantity),
			priceListId: named ?? (priceLists.length === 1 ? priceLists[0].Id : undefined),
			now: this.now(),
		});
		// Seen in public clients: 412 when no product could be processed.
		if (results.every((result) => result.ValidationLevel.Name === 'Error')) {
			return refusal(412, results.map((result) => result.Messages.map((message) => message.Message).join(' ')).join(' '));
		}
		return { status: 200, body: batchAnswer(results) };
	}

	/** A plain array: the page body of this list is not public and clients read it as a list. */
	private listAccounts(accounts: Set<number>, documentNumber: string | undefined) {
		return [...accounts]
			.map((id) => {
				const account = this.accountOf(id);
				return { Id: id, DocType: account.DocType, DocNumber: account.DocNumber, Name: account.Name, BusinessName: account.BusinessName };
			})
			.filter((account) => documentNumber === undefined || account.DocNumber === documentNumber);
	}

	private listOrders(query: Record<string, string>, accounts: Set<number>): Answer {
		const accountId = checkAccount(query, accounts);
		const listed = (order: SandboxOrder) => (this.listedFrom.get(orderKey(order.accountId, order.orderId)) ?? 0) <= Date.now();
		const ofAccount = [...this.orders.values()].filter((order) => order.accountId === accountId && listed(order));
		const page = listOrders(ofAccount, query, this.objectCaps.get('GET /v2/orders'));
		return {
			// The documentation says only "206 with the first part"; our reading: the first `cap`
			// orders, with Paging.Limit saying the page size that was used.
			status: page.overCap ? 206 : 200,
			body: {
				Total: page.total,
				Paging: { Limit: page.limit, Offset: page.offset, Total: page.total },
				SortBy: page.sortBy,
				AvailableSorts: ORDER_SORTS,
				Results: page.results.map((order) => this.renderOrder(order)),
			},
		};
	}

	private updateStatuses(query: Record<string, string>, body: string, accounts: Set<number>): Answer {
		const accountId = checkAccount(query, accounts);
		const updates = readStatusUpdates(body);
		const cap = this.objectCaps.get('PUT /v2/orders');
		if (cap !== undefined && updates.length > cap) {
			return refusal(413, `Se enviaron ${updates.length} órdenes; el máximo por solicitud es ${cap}.`);
		}
		const at = this.now();
		const results = updates.map((update) => updateStatus(update, (orderId) => this.order(accountId, orderId), at));
		return { status: 200, body: { Total: results.length, Results: results } };
	}

	/** See orderCreate.ts: what is documented, and the readings taken where it is not. */
	private createOrder(query: Record<string, string>, body: string, accounts: Set<number>): Answer {
		const accountId = checkAccount(query, accounts);
		const created = this.addOrder(
			readNewOrder(body, {
				accountId,
				marketplaceIds: this.marketplacesOf(accountId).map(({ id }) => id),
				externalOrderIdTaken: (externalOrderId) =>
					[...this.orders.values()].some((order) => order.accountId === accountId && order.externalOrderId === externalOrderId),
				brandsOf: (sku) => [...new Set(this.productsOf(accountId).filter((product) => product.sku === sku).map((product) => product.brand ?? ''))],
				nextOrderId: () => Math.max(900_000, ...[...this.orders.values()].map((order) => order.orderId)) + 1,
			}),
		);
		for (const line of created.lines) {
			if (line.movedStock !== false) this.setStock(accountId, line.sku, this.stockOf(accountId, line.sku) - line.quantity);
		}
		if (this.shipmentOfCreatedOrders) this.setShipment(accountId, created.orderId, this.shipmentOfCreatedOrders);
		if (this.createdOrdersListedAfterMs > 0) this.listedFrom.set(orderKey(accountId, created.orderId), Date.now() + this.createdOrdersListedAfterMs);
		return { status: 201 };
	}

	private deleteOrder(query: Record<string, string>, accounts: Set<number>): Answer {
		const accountId = checkAccount(query, accounts);
		const orderId = requiredInteger(query, 'orderId');
		const order = this.order(accountId, orderId);
		if (!order) return refusal(404, `No se encontró la orden ${orderId} para la cuenta ${accountId}.`);
		if (order.createdThrough !== 'api') {
			return refusal(412, 'La orden pertenece a un canal conectado de forma nativa y no puede ser eliminada.');
		}
		if (order.status === ORDER_STATUS_DELETED) return { status: 304 };
		changeStatus(order, ORDER_STATUS_DELETED, this.now());
		if (query.revertStock === 'true') {
			// Documented: a deletion reverts the stock movement only if the order moved stock.
			for (const line of order.lines.filter((orderLine) => orderLine.movedStock !== false)) {
				this.setStock(accountId, line.sku, this.stockOf(accountId, line.sku) + line.quantity);
			}
		}
		return { status: 204 };
	}

	private accountOf(accountId: number): SellerAccount & { DocType: string; DocNumber: string } {
		const settings = this.accounts.get(accountId) ?? {};
		return {
			Id: accountId,
			OwnCode: settings.ownCode ?? null,
			Name: settings.name ?? `Account ${accountId}`,
			BusinessName: settings.businessName ?? `Seller ${accountId} SA`,
			DocType: settings.docType ?? 'CUIT',
			DocNumber: settings.docNumber ?? `30-${accountId}-9`,
		};
	}

	private productsOf(accountId: number): SandboxProduct[] {
		return this.products.filter((product) => product.accountId === accountId);
	}

	private priceListsOf(accountId: number): readonly PriceList[] {
		return this.priceLists.get(accountId) ?? [{ Id: 1, Name: 'Lista general' }];
	}

	private marketplacesOf(accountId: number): readonly Marketplace[] {
		return this.accounts.get(accountId)?.marketplaces ?? DEFAULT_MARKETPLACES;
	}

	private renderOrder(order: SandboxOrder): Record<string, unknown> {
		const { Id, OwnCode, Name, BusinessName } = this.accountOf(order.accountId);
		const marketplace = this.marketplacesOf(order.accountId).find(({ id }) => id === order.marketplaceId);
		return orderAsSent(order, { Id, OwnCode, Name, BusinessName }, marketplace?.name ?? `Marketplace ${order.marketplaceId}`);
	}

	private takeFault(endpoint: SandboxEndpoint): Fault | undefined {
		const index = this.faults.findIndex((fault) => (fault.endpoint ?? 'DELETE /v2/orders') === endpoint);
		return index === -1 ? undefined : this.faults.splice(index, 1)[0];
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
		Object.assign(headers, fault.headers);
		res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8', ...headers });
		res.end(fault.body ?? '');
	}

	private send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string>, file?: FileAnswer): void {
		if (file && this.filesAnsweredAs !== 'file') {
			const text = file.bytes.toString('base64');
			const asJson = this.filesAnsweredAs === 'base64InJson';
			res.writeHead(status, { 'content-type': asJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8', ...headers });
			res.end(asJson ? JSON.stringify(text) : text);
			return;
		}
		if (file) {
			// A header is ASCII: the name as such, and in full as RFC 6266's filename*.
			const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
			const disposition = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
			res.writeHead(status, { 'content-type': file.contentType, 'content-disposition': disposition, ...headers });
			res.end(file.bytes);
			return;
		}
		if (status === 204 || status === 304 || payload === undefined) {
			res.writeHead(status, headers);
			res.end();
			return;
		}
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
		res.end(JSON.stringify(payload));
	}
}

interface Route {
	endpoint: SandboxEndpoint;
	accountId?: string;
	orderId?: string;
}

function routeOf(method: string, path: string): Route | undefined {
	const withIds = matchPathRoute(method, path, SANDBOX_ENDPOINTS);
	if (withIds) return { endpoint: withIds.endpoint, accountId: withIds.params.accountId, orderId: withIds.params.orderId };
	const endpoint = `${method} ${path}`;
	return SANDBOX_ENDPOINTS.includes(endpoint as SandboxEndpoint) ? { endpoint: endpoint as SandboxEndpoint } : undefined;
}

/** The account a call is about: required, and one of the key's. */
function checkAccount(query: Record<string, string>, accounts: Set<number>): number {
	const accountId = requiredInteger(query, 'accountId');
	if (!accounts.has(accountId)) {
		throw new ApiRefusal(403, `La cuenta ${accountId} no está asociada a esta API_KEY.`);
	}
	return accountId;
}

const refusal = (status: number, message: string): Answer => ({ status, body: { Status: status, Message: message } });

const orderKey = (accountId: number, orderId: number) => `${accountId}/${orderId}`;
const stockKey = (accountId: number, sku: string) => `${accountId}/${sku}`;
