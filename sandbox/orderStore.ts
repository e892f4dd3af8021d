/**
 * The sandbox's orders: what a test sets up (camelCase records) and the order object Alephee
 * sends for each (PascalCase, the shape in ../shared/alephee/orders-products-accounts.md).
 * Fields the documentation names but the sandbox has nothing for are sent as `null`.
 */

export const ORDER_STATUS_PENDING_SHIPPING = 10;
export const ORDER_STATUS_DELETED = 70;
export const ORDER_STATUS_DELIVERED = 80;
export const ORDER_STATUS_CANCELLED = 90;

/**
 * Alephee's status names, from api-notes.md "Order status codes" (0 is the B2B portal's, 70 is for
 * API-created orders only). A second copy of the node's list on purpose: the fake must not echo the node.
 */
export const ORDER_STATUS_NAMES: Readonly<Record<number, string>> = {
	0: 'No status yet',
	10: 'Pending shipping',
	11: 'Fraudulent',
	17: 'Arrived at pickup point',
	20: 'Shipped',
	30: 'Assigned to distributor',
	31: 'Assigned to pickup',
	70: 'Deleted',
	80: 'Delivered',
	87: 'Recipient not found',
	89: 'Logistics issue',
	90: 'Cancelled',
	91: 'Awaiting refund',
	92: 'Refunded',
	93: 'Cancelled by buyer after delivery',
};

/** `statusType` groups as documented; 70 (Deleted) is in none. */
export const STATUS_TYPES: ReadonlyArray<{ key: number; name: string; statuses: readonly number[] }> = [
	{ key: 0, name: 'New', statuses: [0] },
	{ key: 1, name: 'Pending', statuses: [10, 17, 20, 30, 31, 87, 89, 91, 92] },
	{ key: 2, name: 'Closed', statuses: [80] },
	{ key: 99, name: 'Cancelled', statuses: [11, 90, 93] },
];

export const statusTypeOf = (status: number) => STATUS_TYPES.find((type) => type.statuses.includes(status));

export interface OrderLine {
	sku: string;
	quantity: number;
	/** Defaults to 1000. */
	unitPrice?: number;
	/** Defaults to `Product <sku>`. */
	title?: string;
	brand?: string;
	/** Whether the order took these units from stock (StockMovement); only then does a delete give them back. Defaults to true. */
	movedStock?: boolean;
}

export interface Tracking {
	Number?: unknown;
	Status?: unknown;
}

export interface SandboxOrder {
	accountId: number;
	/** Alephee's internal order `Id`. */
	orderId: number;
	/** `api`: created through POST /v2/orders; `marketplace`: from a natively connected channel. */
	createdThrough: 'api' | 'marketplace';
	lines: OrderLine[];
	status: number;
	/** The marketplace's order number (`ExternalOrderId`). */
	externalOrderId: string;
	marketplaceId: number;
	dateCreated: Date;
	/**
	 * What `saleDateFrom` filters on. The documented order object has no sale-date field, so the
	 * sandbox keeps it for the filter only.
	 */
	saleDate: Date;
	/** What `statusDateFrom` filters on: the last status change. */
	statusDate: Date;
	/** `LastUpdated`: moves with every change. */
	lastUpdated: Date;
	integrated: boolean;
	erpStatus: string | number | null;
	/** Hidden from the list unless `includePendingPayments=true`. */
	pendingPayment: boolean;
	buyerName: string;
	/** The Mercado Libre cart (orders pack) the order belongs to: its orders share `PackId`. */
	packId?: number;
	externalShippingId?: string;
	/** The label's substate (PENDING and STALE forbid a split). Kept for the split rule only. */
	labelSubstatus?: string;
	/**
	 * The last tracking sent with PUT /v2/orders. Kept for tests only: the documented order object
	 * does not say where Alephee shows it.
	 */
	tracking?: Tracking;
}

/** What `addOrder` takes: the record with everything but the first four fields optional. */
export type NewOrder = Pick<SandboxOrder, 'accountId' | 'orderId' | 'createdThrough' | 'lines'> &
	Partial<Omit<SandboxOrder, 'accountId' | 'orderId' | 'createdThrough' | 'lines' | 'tracking'>>;

/** The default marketplace number of an order whose test does not choose one. */
export const externalOrderIdFor = (orderId: number) => String(2_000_000_000 + orderId);

export function newOrder(order: NewOrder, defaults: { now: Date; marketplaceId: number }): SandboxOrder {
	const dateCreated = order.dateCreated ?? defaults.now;
	const statusDate = order.statusDate ?? dateCreated;
	return {
		status: ORDER_STATUS_PENDING_SHIPPING,
		externalOrderId: externalOrderIdFor(order.orderId),
		marketplaceId: defaults.marketplaceId,
		saleDate: dateCreated,
		lastUpdated: statusDate,
		integrated: false,
		erpStatus: null,
		pendingPayment: false,
		buyerName: `Buyer ${order.orderId}`,
		...definedOnly(order),
		dateCreated,
		statusDate,
	};
}

/** So that `{ status: undefined }` keeps the default, as leaving it out does. */
const definedOnly = <T extends object>(fields: T) =>
	Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;

/** A status change moves the status date and `LastUpdated`. */
export function changeStatus(order: SandboxOrder, status: number, at: Date): void {
	if (order.status !== status) {
		order.status = status;
		order.statusDate = at;
	}
	order.lastUpdated = at;
}

export interface SellerAccount {
	Id: number;
	OwnCode: string | null;
	Name: string;
	BusinessName: string;
}

const keyValue = (key: number, value: string) => ({ Key: key, Value: value });

/** The order as GET /v2/orders sends it (dates as ISO date-times in UTC). */
export function orderAsSent(order: SandboxOrder, seller: SellerAccount, marketplaceName: string): Record<string, unknown> {
	const statusType = statusTypeOf(order.status);
	const isCancelled = statusType?.key === 99;
	const amount = order.lines.reduce((sum, line) => sum + line.quantity * (line.unitPrice ?? 1000), 0);
	const statusPair = keyValue(order.status, ORDER_STATUS_NAMES[order.status] ?? `Status ${order.status}`);
	// Deleted (70) belongs to no status group; what the real API sends there is not documented.
	const statusTypePair = statusType ? keyValue(statusType.key, statusType.name) : null;
	return {
		Id: order.orderId,
		ExternalOrderId: order.externalOrderId,
		PackId: order.packId ?? null,
		SourcePackId: null,
		IsCompletePackOrder: null,
		SellerAccount: seller,
		Status: statusPair,
		StatusType: statusTypePair,
		// What `Channel` holds is not documented.
		MarketPlace: { Key: order.marketplaceId, Value: marketplaceName, Channel: null },
		DateCreated: order.dateCreated.toISOString(),
		LastUpdated: order.lastUpdated.toISOString(),
		// Our reading: an order is closed once delivered (the Closed group).
		DateClosed: statusType?.key === 2 ? order.statusDate.toISOString() : null,
		IsCancelled: isCancelled,
		Integrated: order.integrated,
		IntegratedOrderId: null,
		ErpStatus: order.erpStatus,
		Notes: null,
		Items: order.lines.map((line, index) => ({
			Id: order.orderId * 100 + index + 1,
			Product: {
				Id: null,
				Sku: line.sku,
				Brand: line.brand ?? null,
				SellerSku: line.sku,
				EAN: null,
				Title: line.title ?? `Product ${line.sku}`,
				IntegrationCode: null,
			},
			Quantity: line.quantity,
			UnitPrice: line.unitPrice ?? 1000,
			FullUnitPrice: line.unitPrice ?? 1000,
			UnitPriceCost: null,
			SaleFee: null,
			Notes: null,
			Status: statusPair,
			StatusType: statusTypePair,
			IsCancelled: isCancelled,
			ProductListing: null,
		})),
		Payments: [
			{
				ExternalPaymentId: `P-${order.externalOrderId}`,
				Amount: amount,
				ShippingAmount: 0,
				Total: amount,
				Installments: 1,
				CurrencySymbol: '$',
				Method: null,
				// Payment status words are not documented; these are Mercado Libre's.
				Status: order.pendingPayment ? 'pending' : 'approved',
				DateCreated: order.dateCreated.toISOString(),
				DateApproved: order.pendingPayment ? null : order.saleDate.toISOString(),
			},
		],
		Shipping: {
			ExternalShippingId: order.externalShippingId ?? null,
			Cost: 0,
			Method: null,
			Status: null,
			LogisticType: null,
			ReceiverAddress: null,
			Receiver: { Name: order.buyerName, Phone: null },
			EstimatedDeliveryDate: null,
			ShippingLabels: null,
		},
		Buyer: {
			Code: null,
			Name: order.buyerName,
			Email: null,
			Phone: null,
			DocType: null,
			DocNumber: null,
			Nickname: null,
			Address: null,
			BillingInfo: null,
		},
	};
}
