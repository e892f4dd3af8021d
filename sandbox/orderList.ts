/** `GET /v2/orders`: the documented filters, sorts and paging over one account's orders. */
import { type SandboxOrder, STATUS_TYPES } from './orderStore';
import { badParameter, readBoolean, readInteger, readMinute } from './queryParameters';

/** Sorting is ascending only; `dateCreated` is what clients use, `ID` what the stores list offers. */
export const ORDER_SORTS = [
	{ Id: 'ID', Name: 'ID' },
	{ Id: 'dateCreated', Name: 'Date created' },
];

export const DEFAULT_PAGE_SIZE = 100;

export interface OrderPage {
	total: number;
	offset: number;
	/** The page size used: the requested one, or the cap when the request was over it. */
	limit: number;
	overCap: boolean;
	sortBy: (typeof ORDER_SORTS)[number];
	results: SandboxOrder[];
}

type OrderFilter = (order: SandboxOrder) => boolean;

export function listOrders(orders: SandboxOrder[], query: Record<string, string>, cap: number | undefined): OrderPage {
	const filters = readFilters(query);
	const sortBy = ORDER_SORTS.find((sort) => sort.Id === (query.sort ?? 'ID'));
	if (!sortBy) throw badParameter('sort', `debe ser uno de: ${ORDER_SORTS.map((sort) => sort.Id).join(', ')}`);
	const offset = readInteger(query, 'offset') ?? 0;
	const requested = readInteger(query, 'limit') ?? DEFAULT_PAGE_SIZE;
	if (requested < 1) throw badParameter('limit', 'debe ser mayor que 0');

	const matching = orders.filter((order) => filters.every((filter) => filter(order)));
	const byId = (a: SandboxOrder, b: SandboxOrder) => a.orderId - b.orderId;
	matching.sort(
		sortBy.Id === 'ID' ? byId : (a, b) => a.dateCreated.getTime() - b.dateCreated.getTime() || byId(a, b),
	);
	const overCap = cap !== undefined && requested > cap;
	const limit = overCap ? cap : requested;
	return { total: matching.length, offset, limit, overCap, sortBy, results: matching.slice(offset, offset + limit) };
}

function readFilters(query: Record<string, string>): OrderFilter[] {
	const filters: OrderFilter[] = [];
	const add = <T>(value: T | undefined, filter: (value: T, order: SandboxOrder) => boolean) => {
		if (value !== undefined) filters.push((order) => filter(value, order));
	};

	const statusTypeKey = readInteger(query, 'statusType');
	if (statusTypeKey !== undefined) {
		const statusType = STATUS_TYPES.find((type) => type.key === statusTypeKey);
		if (!statusType) throw badParameter('statusType', `debe ser uno de: ${STATUS_TYPES.map((type) => type.key).join(', ')}`);
		// Deleted orders (70) are in no group, so any statusType leaves them out.
		add(statusType.statuses, (statuses, order) => statuses.includes(order.status));
	}
	// "From" dates are minutes (no seconds), so an order of that very minute is included.
	add(readMinute(query, 'dateCreatedFrom'), (from, order) => order.dateCreated >= from);
	add(readMinute(query, 'saleDateFrom'), (from, order) => order.saleDate >= from);
	add(readMinute(query, 'statusDateFrom'), (from, order) => order.statusDate >= from);
	add(readInteger(query, 'idFrom'), (from, order) => order.orderId >= from);
	add(readInteger(query, 'idTo'), (to, order) => order.orderId <= to);
	add(query.externalOrderIdFrom, (from, order) => compareExternalIds(order.externalOrderId, from) >= 0);
	add(query.externalOrderIdTo, (to, order) => compareExternalIds(order.externalOrderId, to) <= 0);
	add(readInteger(query, 'marketplaceId'), (id, order) => order.marketplaceId === id);
	// Documented as "default false": left out, only orders not yet integrated are listed.
	add(readBoolean(query, 'Integrated') ?? false, (integrated, order) => order.integrated === integrated);
	add(query.erpStatus, (erpStatus, order) => order.erpStatus !== null && String(order.erpStatus) === erpStatus);
	if (!(readBoolean(query, 'includePendingPayments') ?? false)) filters.push((order) => !order.pendingPayment);
	// `additionalInfo` is documented without a meaning: accepted and ignored.
	return filters;
}

/** Marketplace order numbers are mostly digits: compared as numbers then, else as text. */
function compareExternalIds(a: string, b: string): number {
	if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
		const difference = BigInt(a) - BigInt(b);
		return difference === 0n ? 0 : difference > 0n ? 1 : -1;
	}
	return a < b ? -1 : a > b ? 1 : 0;
}
