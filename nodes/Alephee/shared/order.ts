import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

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

export type IntegrationChoice = 'any' | 'integrated' | 'notIntegrated';

/** The choices of the Integrated filter: Alephee's two values, and both. */
export const INTEGRATION_CHOICES: INodePropertyOptions[] = [
	{ name: 'Any', value: 'any', description: 'Integrated with your ERP or not' },
	{ name: 'Integrated Only', value: 'integrated', description: 'Orders already marked as integrated' },
	{ name: 'Not Integrated Only', value: 'notIntegrated', description: 'Orders not yet marked as integrated' },
];

/**
 * The `Integrated` values to ask for. Alephee documents the filter as "default=false" and has no
 * value for both, so leaving it out may hide integrated orders: every read names it, and "any"
 * is read as both.
 */
export function integratedValues(choice: IntegrationChoice | undefined): boolean[] {
	if (choice === 'integrated') return [true];
	if (choice === 'notIntegrated') return [false];
	return [false, true];
}

/** Alephee's status groups (`statusType`), as documented. */
export const STATUS_GROUPS: INodePropertyOptions[] = [
	{ name: 'New', value: 0, description: 'Orders with no status yet (0)' },
	{ name: 'Pending', value: 1, description: 'Orders on their way: 10, 17, 20, 30, 31, 87, 89, 91, 92' },
	{ name: 'Closed', value: 2, description: 'Delivered orders (80)' },
	{ name: 'Cancelled', value: 99, description: 'Fraudulent or cancelled orders: 11, 90, 93' },
];
