import type { IDataObject } from 'n8n-workflow';

import { integratedValues } from './order';
import { type ListPage, readLists } from '../transport/paging';
import type { Send } from '../transport/operation';

/**
 * The orders of the list narrowed by `query` (one internal ID, one marketplace order number) that
 * pass `matches`, whatever their integration or payment state.
 *
 * Alephee's list hides integrated orders unless asked and has no value for "either", so the two
 * states are read one after the other, each list read whole even while it changes. An order
 * integrated between the two reads is met in the second; one whose integration is undone between
 * them would be in neither, so with `sureOfNone` (where "none" is reported as a fact) the first is
 * read once more before saying so. With `everyState`, both states are read even after a match
 * (to tell one order from several with the same marketplace number).
 */
export async function findOrders(
	send: Send,
	query: IDataObject,
	matches: (order: IDataObject) => boolean,
	{ sureOfNone = false, everyState = false } = {},
): Promise<IDataObject[]> {
	const readPage = async (qs: IDataObject) => (await send({ method: 'GET', qs: { ...query, includePendingPayments: true, ...qs } })).body as ListPage;
	const matchesIn = async (states: boolean[]) => (await readLists(readPage, states.map((Integrated) => ({ Integrated })))).filter(matches);
	const states = integratedValues('any');
	let found: IDataObject[] = [];
	if (everyState) found = await matchesIn(states);
	else for (const state of states) if (!found.length) found = await matchesIn([state]);
	if (!found.length && sureOfNone) found = await matchesIn([states[0]]);
	return found;
}
