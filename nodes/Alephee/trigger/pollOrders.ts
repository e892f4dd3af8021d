import { DateTime } from 'luxon';
import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FailureWording } from '../transport/failureWording';
import { readFields } from '../fields/read';
import { integratedValues, simplifyOrder } from '../shared/order';
import { type ListPage, readLists } from '../transport/paging';
import { DEFAULT_LOOK_BACK_MINUTES, TRIGGER_FIELDS } from './parameters';
import { type AlepheeCredentials, baseUrlOf, CREDENTIAL_TYPE, requestError, sendToAlephee } from '../transport/request';

export type OrderEvent = 'newOrder' | 'statusChanged';

interface EventRule {
	/** The list filter that selects what changed since a minute. */
	filter: 'dateCreatedFrom' | 'statusDateFrom';
	/** The order's time for that filter. */
	timeOf(order: IDataObject): unknown;
	/**
	 * What makes two sightings the same event: the order's ID, then what changed (`Id:Status`).
	 * An event is emitted when it differs from the last one emitted for that order.
	 */
	keyOf(order: IDataObject): string;
	inProgress(accountId: number): string;
}

const EVENTS: Record<OrderEvent, EventRule> = {
	newOrder: {
		filter: 'dateCreatedFrom',
		timeOf: (order) => order.DateCreated,
		keyOf: (order) => String(order.Id),
		inProgress: (accountId) => `looking for new orders of account ${accountId}`,
	},
	statusChanged: {
		filter: 'statusDateFrom',
		// The order object has no documented status date; LastUpdated moves with every status change.
		timeOf: (order) => order.LastUpdated,
		keyOf: (order) => `${order.Id}:${(order.Status as IDataObject | undefined)?.Key}`,
		inProgress: (accountId) => `looking for orders of account ${accountId} whose status changed`,
	},
};

/**
 * What the trigger remembers between polls, in the workflow's static data.
 *
 * Each poll reads the orders from `floor` on: a few minutes (the look-back) before the latest
 * minute Alephee has shown, so an order that becomes visible late (a sync running behind) is
 * still read. Every event emitted from `floor` on is remembered, so reading it again never emits
 * it twice; nothing from before `floor` is ever emitted. The memory is bounded: past
 * MAX_REMEMBERED events, `floor` moves up past the oldest minutes and they are forgotten.
 */
export interface PollState {
	/** The latest minute (`yyyy-mm-dd HH:mm`, Alephee's filter format) of an order Alephee listed. */
	position?: string;
	/** The minute the next poll reads from; events before it are never emitted. */
	floor?: string;
	/** Events emitted, by the minute of the order's time. */
	emitted?: Record<string, string[]>;
	/** 0.2.0's memory: the events at `position`. Read once, then replaced by `emitted`. */
	seen?: string[];
}

/** Events remembered at most, so the static data stays small (about 30 bytes each). */
export const MAX_REMEMBERED = 10_000;

const MINUTE = 'yyyy-MM-dd HH:mm';

/** An order time as the minute Alephee's filters compare it with, or undefined if unreadable. */
export function minuteOf(time: unknown, timezone: string): string | undefined {
	if (typeof time !== 'string') return undefined;
	const date = DateTime.fromISO(time, { zone: timezone });
	return date.isValid ? date.setZone(timezone).toFormat(MINUTE) : undefined;
}

function minutesBefore(minute: string, minutes: number): string {
	return DateTime.fromFormat(minute, MINUTE, { zone: 'UTC' }).minus({ minutes }).toFormat(MINUTE);
}

function minuteAfter(minute: string): string {
	return minutesBefore(minute, -1);
}

/** The order an event key is about: its ID, before any `:Status`. */
const orderOfEvent = (key: string) => key.split(':')[0];

/** Where the next poll reads from: the look-back before the position, never below the floor. */
export function readFrom(state: PollState, lookBackMinutes: number): string {
	const lookBack = minutesBefore(state.position ?? '', lookBackMinutes);
	const floor = state.floor ?? state.position ?? '';
	return floor > lookBack ? floor : lookBack;
}

/**
 * One poll's work, given the orders Alephee listed from `readFrom(state)` on: which are new, and
 * the state to keep. The position only moves to a minute Alephee reported, never by n8n's clock.
 */
export function nextPoll(
	event: OrderEvent,
	orders: IDataObject[],
	state: PollState,
	timezone: string,
	lookBackMinutes = DEFAULT_LOOK_BACK_MINUTES,
): { fresh: IDataObject[]; state: PollState } {
	const rule = EVENTS[event];
	const from = readFrom(state, lookBackMinutes);
	const emitted: Record<string, string[]> = { ...(state.emitted ?? {}) };
	if (state.seen?.length && state.position) emitted[state.position] = [...(emitted[state.position] ?? []), ...state.seen];
	// The last event emitted per order: a status that comes back (10 → 89 → 10) is a change again.
	const lastEmitted = new Map<string, string>();
	for (const minute of Object.keys(emitted).sort()) for (const key of emitted[minute]) lastEmitted.set(orderOfEvent(key), key);
	let position = state.position ?? from;
	const fresh: IDataObject[] = [];
	for (const order of orders) {
		// An unreadable time counts as the position: remembered for the look-back at least.
		const minute = minuteOf(rule.timeOf(order), timezone) ?? position;
		if (minute < from) continue;
		if (minute > position) position = minute;
		const key = rule.keyOf(order);
		if (lastEmitted.get(orderOfEvent(key)) === key) continue;
		lastEmitted.set(orderOfEvent(key), key);
		fresh.push(order);
		(emitted[minute] ??= []).push(key);
	}
	let floor = readFrom({ position, floor: state.floor ?? from }, lookBackMinutes);
	const forget = () => {
		for (const minute of Object.keys(emitted)) if (minute < floor) delete emitted[minute];
	};
	forget();
	// Too much to remember (a bulk import): the oldest minutes are given up whole, and the floor
	// moves past them, so what they held is neither remembered nor read again.
	for (let count = Object.values(emitted).flat().length; count > MAX_REMEMBERED; ) {
		const oldest = Object.keys(emitted).sort()[0];
		count -= emitted[oldest].length;
		floor = minuteAfter(oldest);
		forget();
	}
	return { fresh, state: { position, floor, emitted } };
}

/** The trigger's poll: what changed since the last one, one item per order; null when nothing did. */
export async function pollOrders(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as OrderEvent;
	const rule = EVENTS[event];
	// The Account, the filters and the look-back, read and checked as the Alephee node's fields are.
	const query: IDataObject = {};
	const values: IDataObject = {};
	const timezone = this.getTimezone();
	const source = { parameter: (path: string) => this.getNodeParameter(path, '', { extractValue: true }), node: this.getNode(), timezone };
	readFields(source, TRIGGER_FIELDS, query, values);
	const accountId = values.accountId as number;
	const lookBackMinutes = (values.lookBackMinutes as number | undefined) ?? DEFAULT_LOOK_BACK_MINUTES;
	const simplify = this.getNodeParameter('simplify', true) as boolean;
	const credentials = await this.getCredentials<AlepheeCredentials>(CREDENTIAL_TYPE);
	const wording: FailureWording = { inProgress: rule.inProgress(accountId), accountId };
	// Alephee's list hides integrated orders and orders whose payment is pending unless asked:
	// the trigger asks for both integration states and includes pending payments, so an order
	// is seen as soon as it exists, whatever an ERP or the payment does later.
	query.includePendingPayments = true;
	const readPage = async (changes: IDataObject) =>
		(
			await sendToAlephee(
				this,
				{ method: 'GET', baseURL: baseUrlOf(credentials), url: '/orders', qs: { ...query, ...changes }, json: true },
				{ credentials, wording },
			)
		).body as ListPage;
	const output = (orders: IDataObject[]) => [orders.map((order) => ({ json: simplify ? simplifyOrder(order) : order }))];

	if (this.getMode() === 'manual') return output([await latestOrder(readPage, accountId, this.getNode())]);

	const state = this.getWorkflowStaticData('node') as PollState;
	const ordersFrom = async (minute: string) => {
		try {
			const lists = integratedValues('any').map((Integrated) => ({ [rule.filter]: minute, Integrated }));
			return await readLists(readPage, lists);
		} catch (error) {
			// A list that was not whole fails the poll too: the position stays, so nothing is skipped.
			throw requestError(this.getNode(), error, wording);
		}
	};
	if (!state.position) {
		// First activation: start from now, so the history does not flood the workflow. Alephee's
		// filter works to the minute, so the orders of this minute are read and remembered as seen.
		const now = DateTime.now().setZone(timezone).toFormat(MINUTE);
		const start: PollState = { position: now, floor: now };
		Object.assign(state, nextPoll(event, await ordersFrom(now), start, timezone, lookBackMinutes).state);
		return null;
	}
	// A failed read throws before the state changes, so the next poll reads the same minutes.
	const { fresh, state: next } = nextPoll(event, await ordersFrom(readFrom(state, lookBackMinutes)), state, timezone, lookBackMinutes);
	delete state.seen;
	Object.assign(state, next);
	return fresh.length ? output(fresh) : null;
}

/** "Fetch test event": the last order created (of either integration state), whatever its date. */
async function latestOrder(readPage: (changes: IDataObject) => Promise<ListPage>, accountId: number, node: INode): Promise<IDataObject> {
	const latest: IDataObject[] = [];
	for (const Integrated of integratedValues('any')) {
		const first = await readPage({ sort: 'dateCreated', Integrated, offset: 0, limit: 1 });
		const total = first?.Paging?.Total ?? first?.Total ?? 0;
		const last = total > 1 ? await readPage({ sort: 'dateCreated', Integrated, offset: total - 1, limit: 1 }) : first;
		const order = last?.Results?.at(-1);
		if (order) latest.push(order);
	}
	if (!latest.length) {
		throw new NodeOperationError(node, `No order of account ${accountId} matches this trigger yet`, {
			description: 'Alephee listed no order for this account with these filters. Create or wait for an order, or loosen the filters, then fetch again.',
		});
	}
	const created = (order: IDataObject) => String(order.DateCreated ?? '');
	return latest.reduce((later, order) => (created(order) > created(later) ? order : later));
}
