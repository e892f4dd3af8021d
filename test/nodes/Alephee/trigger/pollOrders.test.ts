import type { IDataObject } from 'n8n-workflow';

import { MAX_REMEMBERED, minuteOf, nextPoll, type PollState } from '../../../../nodes/Alephee/trigger/pollOrders';

const TZ = 'America/Argentina/Buenos_Aires';
const created = (Id: number, DateCreated: string): IDataObject => ({ Id, DateCreated, Status: { Key: 10 } });
const changed = (Id: number, status: number, LastUpdated: string): IDataObject => ({ Id, LastUpdated, Status: { Key: status } });
const ids = (orders: IDataObject[]) => orders.map((order) => order.Id);

describe('minuteOf', () => {
	it('reads Alephee\'s times as the minute its filters compare', () => {
		expect(minuteOf('2026-11-24T10:15:59', TZ)).toBe('2026-11-24 10:15');
		expect(minuteOf('2026-11-24T13:15:00Z', TZ)).toBe('2026-11-24 10:15');
		expect(minuteOf('not a date', TZ)).toBeUndefined();
		expect(minuteOf(undefined, TZ)).toBeUndefined();
	});
});

describe('nextPoll: new orders', () => {
	it('emits what is new, moves to the latest minute Alephee reported, and remembers that minute\'s orders', () => {
		const state: PollState = { position: '2026-11-24 10:00', seen: [] };
		const orders = [created(1, '2026-11-24T10:00:10'), created(2, '2026-11-24T10:03:00'), created(3, '2026-11-24T10:03:40')];
		const { fresh, state: next } = nextPoll('newOrder', orders, state, TZ);
		expect(ids(fresh)).toEqual([1, 2, 3]);
		expect(next).toEqual({ position: '2026-11-24 10:03', seen: ['2', '3'] });
	});

	it('across the minute boundary: an order of the same minute that comes later is emitted, the ones seen are not', () => {
		const first = nextPoll('newOrder', [created(2, '2026-11-24T10:03:00')], { position: '2026-11-24 10:00', seen: [] }, TZ);
		// The next poll asks from 10:03 again: order 2 comes back, order 4 (same minute, created after the poll) is new.
		const second = nextPoll('newOrder', [created(2, '2026-11-24T10:03:00'), created(4, '2026-11-24T10:03:50')], first.state, TZ);
		expect(ids(second.fresh)).toEqual([4]);
		expect(second.state).toEqual({ position: '2026-11-24 10:03', seen: ['2', '4'] });
		const third = nextPoll('newOrder', [created(4, '2026-11-24T10:03:50'), created(5, '2026-11-24T10:04:01')], second.state, TZ);
		expect(ids(third.fresh)).toEqual([5]);
		expect(third.state).toEqual({ position: '2026-11-24 10:04', seen: ['5'] });
	});

	it('nothing new: the position and what was seen stay', () => {
		const state: PollState = { position: '2026-11-24 10:03', seen: ['2'] };
		const { fresh, state: next } = nextPoll('newOrder', [created(2, '2026-11-24T10:03:00')], state, TZ);
		expect(fresh).toEqual([]);
		expect(next).toEqual(state);
		expect(nextPoll('newOrder', [], state, TZ).state).toEqual(state);
	});

	it('never moves back, whatever time an order carries', () => {
		const { state } = nextPoll('newOrder', [created(9, '2026-11-24T09:00:00')], { position: '2026-11-24 10:00', seen: [] }, TZ);
		expect(state.position).toBe('2026-11-24 10:00');
	});

	it('remembers a bounded number of events', () => {
		const many = Array.from({ length: MAX_REMEMBERED + 50 }, (_, index) => created(index + 1, '2026-11-24T10:05:00'));
		const { fresh, state } = nextPoll('newOrder', many, { position: '2026-11-24 10:00', seen: [] }, TZ);
		expect(fresh).toHaveLength(MAX_REMEMBERED + 50);
		expect(state.seen).toHaveLength(MAX_REMEMBERED);
		expect(state.seen?.at(-1)).toBe(String(MAX_REMEMBERED + 50));
	});
});

describe('nextPoll: status changes', () => {
	it('an order is emitted again when its status changes again, not when it only shows up again', () => {
		const first = nextPoll('statusChanged', [changed(7, 20, '2026-11-24T10:01:00')], { position: '2026-11-24 10:00', seen: [] }, TZ);
		expect(ids(first.fresh)).toEqual([7]);
		const again = nextPoll('statusChanged', [changed(7, 20, '2026-11-24T10:01:00')], first.state, TZ);
		expect(again.fresh).toEqual([]);
		const delivered = nextPoll('statusChanged', [changed(7, 80, '2026-11-24T10:01:30')], again.state, TZ);
		expect(delivered.fresh).toEqual([changed(7, 80, '2026-11-24T10:01:30')]);
		expect(delivered.state).toEqual({ position: '2026-11-24 10:01', seen: ['7:20', '7:80'] });
	});
});
