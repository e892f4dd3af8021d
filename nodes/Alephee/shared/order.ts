import type { IDataObject } from 'n8n-workflow';

/** Alephee's order status codes and their names, as its documentation lists them. */
export const ORDER_STATUS_NAMES: Record<number, string> = {
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

/** "70 (Deleted)": a code with its name, for messages. */
export function describeStatus(code: number): string {
	const name = ORDER_STATUS_NAMES[code];
	return name ? `${code} (${name})` : String(code);
}

interface KeyValue {
	Key?: number;
	Value?: string;
}

/** The parts of Alephee's order object the summary reads (PascalCase, as Alephee sends it). */
interface AlepheeOrder {
	Id?: number;
	ExternalOrderId?: string;
	Status?: KeyValue;
	StatusType?: KeyValue;
	MarketPlace?: KeyValue;
	DateCreated?: string;
	LastUpdated?: string;
	DateClosed?: string;
	SellerAccount?: { Id?: number; Name?: string };
	Buyer?: { Name?: string };
	Items?: Array<{ Quantity?: number; UnitPrice?: number }>;
	Payments?: Array<{ Total?: number }>;
}

const sum = (values: Array<number | undefined>) => values.reduce<number>((total, value) => total + (Number(value) || 0), 0);

/**
 * The flat summary a non-coder can use in the next node. The total is what the payments add up
 * to, else the items' price × quantity; the item count is the units ordered.
 */
export function simplifyOrder(raw: IDataObject): IDataObject {
	const order = raw as AlepheeOrder;
	const items = order.Items ?? [];
	const payments = order.Payments ?? [];
	const statusCode = order.Status?.Key;
	return {
		id: order.Id,
		marketplaceOrderNumber: order.ExternalOrderId,
		statusCode,
		status: order.Status?.Value ?? (statusCode === undefined ? undefined : ORDER_STATUS_NAMES[statusCode]),
		statusGroup: order.StatusType?.Value,
		marketplace: order.MarketPlace?.Value,
		dateCreated: order.DateCreated,
		lastUpdated: order.LastUpdated,
		dateClosed: order.DateClosed,
		accountId: order.SellerAccount?.Id,
		sellerAccount: order.SellerAccount?.Name,
		buyerName: order.Buyer?.Name,
		total: payments.length ? sum(payments.map((payment) => payment.Total)) : sum(items.map((item) => (item.Quantity ?? 0) * (item.UnitPrice ?? 0))),
		itemCount: sum(items.map((item) => item.Quantity)),
	};
}

/** What a 404 means for one order, in the same words for every order operation. */
export function orderNotFound(orderId: unknown, accountId: unknown) {
	return {
		message: `Order ${orderId} was not found in account ${accountId}`,
		advice:
			"Check that Order ID is Alephee's internal order ID (not the marketplace's order number) and that the order belongs to this account.",
	};
}
