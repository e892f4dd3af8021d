import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chosenAccountId, readForEditor } from '../shared/account';
import { integratedValues } from '../shared/order';
import { findOrders } from '../shared/orderLookup';
import type { Send } from '../transport/operation';
import type { ListPage } from '../transport/paging';

/** Orders read per integration state for one page of the picker. */
export const ORDERS_PER_PAGE = 50;

/** Where the next page of each list ends (the lists are read from their end, newest first). */
type Positions = Record<string, number>;

/**
 * The order picker: the account's recent orders, newest first, whatever their integration or
 * payment state, searchable by marketplace order number, buyer or ID. Alephee sorts ascending
 * only, so each list is read from its end, a page at a time (the picker's "load more"); an exact
 * marketplace order number is also asked for directly, so an older order is found too.
 */
export async function searchOrders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const accountId = chosenAccountId.call(this);
	if (!accountId) {
		throw new NodeOperationError(this.getNode(), 'Choose the Account first', {
			description: 'The order list is the chosen account\'s: pick the Account above, then open this list again.',
		});
	}
	const wording = { inProgress: `listing the recent orders of account ${accountId}`, accountId: Number(accountId) };
	const read = async (qs: IDataObject) =>
		(await readForEditor.call(this, '/orders', wording, { accountId, includePendingPayments: true, sort: 'dateCreated', ...qs })) as ListPage;
	const wanted = filter?.trim().toLowerCase() ?? '';
	const before: Positions = paginationToken ? (JSON.parse(paginationToken) as Positions) : {};
	const next: Positions = {};
	const orders: IDataObject[] = [];
	for (const Integrated of integratedValues('any')) {
		const state = String(Integrated);
		let end = before[state];
		// A later page goes on only with the lists that have older orders left.
		if (paginationToken && end === undefined) continue;
		if (end === undefined) {
			const first = await read({ Integrated, offset: 0, limit: 1 });
			end = first?.Paging?.Total ?? first?.Total ?? 0;
		}
		if (end <= 0) continue;
		const from = Math.max(0, end - ORDERS_PER_PAGE);
		const page = await read({ Integrated, offset: from, limit: end - from });
		orders.push(...(page?.Results ?? []));
		if (from > 0) next[state] = from;
	}
	if (wanted && !paginationToken) {
		// The exact number, however old: asked for directly, in both integration states.
		const number = filter!.trim();
		const send: Send = async (overrides = {}) => ({ body: await read(overrides.qs ?? {}), headers: {}, statusCode: 200 });
		const query = { externalOrderIdFrom: number, externalOrderIdTo: number };
		orders.push(...(await findOrders(send, query, (order) => String(order.ExternalOrderId) === number, { everyState: true })));
	}
	const seen = new Set<string>();
	const results: INodeListSearchItems[] = orders
		.filter((order) => {
			const key = String(order.Id);
			if (seen.has(key)) return false;
			seen.add(key);
			return !wanted || searchableText(order).includes(wanted);
		})
		.sort((a, b) => String(b.DateCreated ?? '').localeCompare(String(a.DateCreated ?? '')) || Number(b.Id) - Number(a.Id))
		.map((order) => ({ name: orderLabel(order), value: String(order.Id) }));
	return { results, paginationToken: Object.keys(next).length ? JSON.stringify(next) : undefined };
}

const buyerOf = (order: IDataObject) => ((order.Buyer as IDataObject | undefined)?.Name as string | undefined) ?? '';
const statusOf = (order: IDataObject) => ((order.Status as IDataObject | undefined)?.Value as string | undefined) ?? '';

function searchableText(order: IDataObject): string {
	return [order.ExternalOrderId, buyerOf(order), order.Id].map((part) => String(part ?? '')).join(' ').toLowerCase();
}

/** "2000001234 · Ana Pérez · Pending shipping · 2026-11-30 09:15 (ID 987654)": what tells two orders apart. */
export function orderLabel(order: IDataObject): string {
	const date = String(order.DateCreated ?? '').replace('T', ' ').slice(0, 16);
	const parts = [String(order.ExternalOrderId ?? ''), buyerOf(order), statusOf(order), date].filter((part) => part.trim());
	return `${parts.join(' · ')} (ID ${String(order.Id)})`;
}
