import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_LOOK_BACK_MINUTES } from '../../../../nodes/Alephee/trigger/parameters';
import {
	MAX_REMEMBERED,
	minuteOf,
	nextPoll,
	type PollState,
	readFrom,
} from '../../../../nodes/Alephee/trigger/pollOrders';

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

/** Every event remembered, whatever its minute. */
const remembered = (state: PollState) => Object.values(state.emitted ?? {}).flat().sort();

describe('nextPoll: new orders', () => {
	it('emits what is new, moves to the latest minute Alephee reported, and remembers what it emitted', () => {
		const state: PollState = { position: '2026-11-24 10:00', floor: '2026-11-24 10:00' };
		const orders = [created(1, '2026-11-24T10:00:10'), created(2, '2026-11-24T10:03:00'), created(3, '2026-11-24T10:03:40')];
		const { fresh, state: next } = nextPoll('newOrder', orders, state, TZ);
		expect(ids(fresh)).toEqual([1, 2, 3]);
		expect(next).toEqual({
			position: '2026-11-24 10:03',
			floor: '2026-11-24 10:00',
			emitted: { '2026-11-24 10:00': ['1'], '2026-11-24 10:03': ['2', '3'] },
		});
	});

	it('reads the look-back again and emits nothing twice; a late order of a passed minute is emitted once', () => {
		const first = nextPoll('newOrder', [created(2, '2026-11-24T10:03:00'), created(6, '2026-11-24T10:06:00')], { position: '2026-11-24 10:00', floor: '2026-11-24 10:00' }, TZ, 10);
		expect(first.state.position).toBe('2026-11-24 10:06');
		expect(readFrom(first.state, 10)).toBe('2026-11-24 10:00');
		// Order 4 was created at 10:04 but only shows up now, after 10:06 was seen.
		const second = nextPoll('newOrder', [created(2, '2026-11-24T10:03:00'), created(4, '2026-11-24T10:04:00'), created(6, '2026-11-24T10:06:00')], first.state, TZ, 10);
		expect(ids(second.fresh)).toEqual([4]);
		const third = nextPoll('newOrder', [created(4, '2026-11-24T10:04:00'), created(6, '2026-11-24T10:06:00')], second.state, TZ, 10);
		expect(third.fresh).toEqual([]);
	});

	it('forgets what falls behind the look-back, and never emits from before it', () => {
		const first = nextPoll('newOrder', [created(1, '2026-11-24T10:01:00')], { position: '2026-11-24 10:00', floor: '2026-11-24 10:00' }, TZ, 5);
		const later = nextPoll('newOrder', [created(1, '2026-11-24T10:01:00'), created(9, '2026-11-24T10:20:00')], first.state, TZ, 5);
		expect(ids(later.fresh)).toEqual([9]);
		expect(later.state.floor).toBe('2026-11-24 10:15');
		expect(remembered(later.state)).toEqual(['9']);
		expect(readFrom(later.state, 5)).toBe('2026-11-24 10:15');
		// An order of 10:01 that shows up now is behind the floor: not emitted.
		expect(nextPoll('newOrder', [created(3, '2026-11-24T10:01:00')], later.state, TZ, 5).fresh).toEqual([]);
	});

	it('never moves back, whatever time an order carries', () => {
		const { state } = nextPoll('newOrder', [created(9, '2026-11-24T09:00:00')], { position: '2026-11-24 10:00', floor: '2026-11-24 10:00' }, TZ);
		expect(state.position).toBe('2026-11-24 10:00');
	});

	it('a burst larger than the memory: bounded, and none of it emitted again', () => {
		const burst = Array.from({ length: MAX_REMEMBERED + 50 }, (_, index) => created(index + 1, '2026-11-24T10:05:00'));
		const first = nextPoll('newOrder', burst, { position: '2026-11-24 10:00', floor: '2026-11-24 10:00' }, TZ);
		expect(first.fresh).toHaveLength(MAX_REMEMBERED + 50);
		expect(remembered(first.state).length).toBeLessThanOrEqual(MAX_REMEMBERED);
		// The floor moved past the burst's minute: the next poll does not read it again.
		expect(readFrom(first.state, DEFAULT_LOOK_BACK_MINUTES)).toBe('2026-11-24 10:06');
		const again = nextPoll('newOrder', [...burst, created(99_999, '2026-11-24T10:07:00')], first.state, TZ);
		expect(ids(again.fresh)).toEqual([99_999]);
	});

	it('a state saved by 0.2.0 (position and seen) goes on without repeats', () => {
		const saved: PollState = { position: '2026-11-24 10:03', seen: ['2'] };
		const { fresh, state } = nextPoll('newOrder', [created(2, '2026-11-24T10:03:00'), created(5, '2026-11-24T10:03:30')], saved, TZ);
		expect(ids(fresh)).toEqual([5]);
		expect(remembered(state)).toEqual(['2', '5']);
		expect(state.seen).toBeUndefined();
	});
});

describe('nextPoll: status changes', () => {
	it('an order is emitted again when its status changes again, not when it only shows up again', () => {
		const start: PollState = { position: '2026-11-24 10:00', floor: '2026-11-24 10:00' };
		const first = nextPoll('statusChanged', [changed(7, 20, '2026-11-24T10:01:00')], start, TZ);
		expect(ids(first.fresh)).toEqual([7]);
		const again = nextPoll('statusChanged', [changed(7, 20, '2026-11-24T10:01:00')], first.state, TZ);
		expect(again.fresh).toEqual([]);
		const delivered = nextPoll('statusChanged', [changed(7, 80, '2026-11-24T10:01:30')], again.state, TZ);
		expect(delivered.fresh).toEqual([changed(7, 80, '2026-11-24T10:01:30')]);
		expect(remembered(delivered.state)).toEqual(['7:20', '7:80']);
	});
});
