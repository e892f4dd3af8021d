/**
 * Waiting on events instead of sleeping. A check that nothing more was sent is only meaningful
 * once nothing more can be sent: a fixed sleep passes it vacuously on a machine too slow to have
 * sent anything yet. These wait for what must have happened first, and fail loudly when it does
 * not happen in time.
 */
import { RoutingNode } from 'n8n-core';

import type { AlepheeSandbox } from '../sandbox/alepheeSandbox';

/** How often a condition is looked at again. */
const POLL_MS = 5;

/** Resolves once `condition()` holds; throws, naming `what` was awaited, if it does not within `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() >= deadline) throw new Error(`Gave up after ${timeoutMs} ms waiting until ${what}`);
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

/** Whether the sandbox has answered every request it received (a hung or dropped one never is). */
export function everyRequestAnswered(sandbox: AlepheeSandbox): boolean {
	return sandbox.requests.every((request) => request.answeredWith !== undefined);
}

/** The items n8n's engine has handed the node so far, and how many of them have ended. */
export interface ItemCount {
	readonly started: number;
	readonly ended: number;
	/** Items that ended with a rejection (an error n8n reports only when it awaits the items). */
	readonly rejected: number;
	/** Stops counting (restores n8n's engine as it was). */
	stop(): void;
}

type MakeRequest = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/**
 * Counts the node's items from their start to their end, as n8n's declarative engine runs them:
 * RoutingNode calls `makeRequest` once per item and keeps the promise of that item's outcome.
 * n8n does not always wait for those promises (when it fails the run during its pass over the
 * items, it awaits none), so the end of the execution does not say every item has ended; this does.
 *
 * Counting an item's end handles its rejection, if it rejects: Jest would no longer fail the test
 * on a rejection nobody else handles. A test that must have none checks `rejected` instead.
 */
export function countItems(): ItemCount {
	const engine = RoutingNode.prototype as unknown as { makeRequest: MakeRequest };
	const original = engine.makeRequest;
	const count = { started: 0, ended: 0, rejected: 0 };
	engine.makeRequest = function (this: unknown, ...args: unknown[]) {
		const outcome = original.apply(this, args);
		count.started++;
		void outcome.then(
			() => count.ended++,
			() => {
				count.ended++;
				count.rejected++;
			},
		);
		return outcome;
	};
	return {
		get started() {
			return count.started;
		},
		get ended() {
			return count.ended;
		},
		get rejected() {
			return count.rejected;
		},
		stop: () => {
			engine.makeRequest = original;
		},
	};
}

/**
 * Resolves once the run is over as far as the sandbox can tell: every item the node started has
 * ended (none can send anything more) and the sandbox has answered every request it received.
 */
export async function untilRunIsOver(items: ItemCount, sandbox: AlepheeSandbox, timeoutMs = 10_000): Promise<void> {
	await waitUntil(
		() => items.started > 0 && items.ended === items.started && everyRequestAnswered(sandbox),
		'every item of the run has ended and the sandbox has answered every request it received',
		timeoutMs,
	);
}
