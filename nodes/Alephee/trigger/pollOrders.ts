import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationWords } from '../helpers/errorHandler';
import { checkPositiveWholeNumber } from '../helpers/validation';
import { simplifyOrder } from '../shared/order';
import { type ListPage, readAllPages } from '../transport/paging';
import { type AlepheeCredentials, baseUrlOf, CREDENTIAL_TYPE, sendToAlephee } from '../transport/request';

export type OrderEvent = 'newOrder' | 'statusChanged';

interface EventRule {
	/** The list filter that selects what changed since a minute. */
	filter: 'dateCreatedFrom' | 'statusDateFrom';
	/** The order's time for that filter. */
	timeOf(order: IDataObject): unknown;
	/** What makes two sightings the same event. */
	keyOf(order: IDataObject): string;
	doing(accountId: number): string;
}

const EVENTS: Record<OrderEvent, EventRule> = {
	newOrder: {
		filter: 'dateCreatedFrom',
		timeOf: (order) => order.DateCreated,
		keyOf: (order) => String(order.Id),
		doing: (accountId) => `looking for new orders of account ${accountId}`,
	},
	statusChanged: {
		filter: 'statusDateFrom',
		// The order object has no documented status date; LastUpdated moves with every status change.
		timeOf: (order) => order.LastUpdated,
		keyOf: (order) => `${order.Id}:${(order.Status as IDataObject | undefined)?.Key}`,
		doing: (accountId) => `looking for orders of account ${accountId} whose status changed`,
	},
};

/** What the trigger remembers between polls, in the workflow's static data. */
export interface PollState {
	/** The minute the next poll asks from (`yyyy-mm-dd HH:mm`, Alephee's filter format). */
	position?: string;
	/** Events already emitted at that minute: asked for again next time, they are not emitted twice. */
	seen?: string[];
}

/** Events remembered at one minute at most, so the static data stays small. */
export const MAX_REMEMBERED = 2000;

const MINUTE = 'yyyy-MM-dd HH:mm';

/** An order time as the minute Alephee's filters compare it with, or undefined if unreadable. */
export function minuteOf(time: unknown, timezone: string): string | undefined {
	if (typeof time !== 'string') return undefined;
	const date = DateTime.fromISO(time, { zone: timezone });
	return date.isValid ? date.setZone(timezone).toFormat(MINUTE) : undefined;
}

/**
 * One poll's work, given the orders Alephee listed from `state.position` on: which are new, and
 * the state to keep. The position only moves to a minute Alephee reported, never by n8n's clock,
 * and the events of that minute are remembered, because the next poll asks from it again.
 */
export function nextPoll(
	event: OrderEvent,
	orders: IDataObject[],
	state: PollState,
	timezone: string,
): { fresh: IDataObject[]; state: PollState } {
	const rule = EVENTS[event];
	const seen = new Set(state.seen ?? []);
	const fresh: IDataObject[] = [];
	for (const order of orders) {
		const key = rule.keyOf(order);
		if (seen.has(key)) continue;
		seen.add(key);
		fresh.push(order);
	}
	let position = state.position ?? '';
	for (const order of orders) {
		const minute = minuteOf(rule.timeOf(order), timezone);
		if (minute && minute > position) position = minute;
	}
	const atPosition = orders.filter((order) => minuteOf(rule.timeOf(order), timezone) === position).map(rule.keyOf);
	const remembered = position === state.position ? [...new Set([...(state.seen ?? []), ...atPosition])] : atPosition;
	return { fresh, state: { position, seen: remembered.slice(-MAX_REMEMBERED) } };
}

/** The trigger's poll: what changed since the last one, one item per order; null when nothing did. */
export async function pollOrders(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as OrderEvent;
	const rule = EVENTS[event];
	const account = checkPositiveWholeNumber(this.getNodeParameter('accountId', undefined, { extractValue: true }));
	if (!account.valid) {
		throw new NodeOperationError(this.getNode(), `Account is not valid: ${account.problem}`, {
			description: 'Choose an account from the list, or give its ID (a whole number, such as 1234).',
		});
	}
	const accountId = account.value;
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', true) as boolean;
	const timezone = this.getTimezone();
	const credentials = await this.getCredentials<AlepheeCredentials>(CREDENTIAL_TYPE);
	const words: OperationWords = { doing: rule.doing(accountId), accountId };
	const query: IDataObject = { accountId };
	if (filters.statusType !== undefined && filters.statusType !== '') query.statusType = filters.statusType;
	if (filters.marketplaceId) query.marketplaceId = filters.marketplaceId;
	const readPage = async (changes: IDataObject) =>
		(
			await sendToAlephee(
				this,
				{ method: 'GET', baseURL: baseUrlOf(credentials), url: '/orders', qs: { ...query, ...changes }, json: true },
				{ credentials, words },
			)
		).body as ListPage;
	const output = (orders: IDataObject[]) => [orders.map((order) => ({ json: simplify ? simplifyOrder(order) : order }))];

	if (this.getMode() === 'manual') {
		// "Fetch test event": the last order of the list (ascending by creation), whatever its date.
		const first = await readPage({ sort: 'dateCreated', offset: 0, limit: 1 });
		const total = first?.Paging?.Total ?? first?.Total ?? 0;
		const last = total > 1 ? await readPage({ sort: 'dateCreated', offset: total - 1, limit: 1 }) : first;
		const latest = last?.Results?.at(-1);
		if (!latest) {
			throw new NodeOperationError(this.getNode(), `No order of account ${accountId} matches this trigger yet`, {
				description: 'Alephee listed no order for this account with these filters. Create or wait for an order, or loosen the filters, then fetch again.',
			});
		}
		return output([latest]);
	}

	const state = this.getWorkflowStaticData('node') as PollState;
	const sinceLastPoll = async (position: string) =>
		await readAllPages(async (page) => await readPage({ [rule.filter]: position, ...page }));
	if (!state.position) {
		// First activation: start from now, so the history does not flood the workflow. Alephee's
		// filter works to the minute, so the orders of this minute are read and remembered as seen.
		const start: PollState = { position: DateTime.now().setZone(timezone).toFormat(MINUTE), seen: [] };
		Object.assign(state, nextPoll(event, await sinceLastPoll(start.position!), start, timezone).state);
		return null;
	}
	// A failed read throws before the state changes, so the next poll asks from the same minute.
	const { fresh, state: next } = nextPoll(event, await sinceLastPoll(state.position), state, timezone);
	Object.assign(state, next);
	return fresh.length ? output(fresh) : null;
}
