/** What the sections of `npm run bench` share: the HTTP Request contender, memory sampling, tables. */
import type { INodeParameters } from 'n8n-workflow';

import { ALEPHEE_NODE_TYPE, HTTP_REQUEST_NODE_TYPE, runNode, type NodeRun } from '../harness/engine';
import type { AlepheeSandbox } from '../sandbox/alepheeSandbox';

/** The account every section works in. */
export const ACCOUNT = 1;

export const fixed = (value: number, digits = 2) => value.toFixed(digits);

/** A number from the environment, or its default. */
export const sizeFromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** The Alephee node (version 1.1, account by ID), with no settings but `parameters`. */
export async function runAlepheeNode(sandbox: AlepheeSandbox, apiKey: string, parameters: INodeParameters, items: object[]): Promise<NodeRun> {
	return await runNode({
		node: {
			type: ALEPHEE_NODE_TYPE,
			typeVersion: 1.1,
			parameters: { accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, ...parameters },
			credentials: { alepheeApi: { id: 'alephee', name: 'Alephee' } },
			onError: 'continueRegularOutput',
		},
		items,
		credentials: { alephee: { apiKey, baseUrl: sandbox.baseUrl } },
	});
}

/**
 * n8n's HTTP Request node (4.2) as a user sets it up for an Alephee call: the key as query
 * auth, the account as a query parameter, Accept JSON; `parameters` add the rest.
 */
export async function runHttpRequestNode(
	sandbox: AlepheeSandbox,
	apiKey: string,
	parameters: INodeParameters & { path: string; query?: Array<{ name: string; value: string }> },
	items: object[],
): Promise<NodeRun> {
	const { path, query = [], ...rest } = parameters;
	return await runNode({
		node: {
			type: HTTP_REQUEST_NODE_TYPE,
			typeVersion: 4.2,
			parameters: {
				url: `${sandbox.baseUrl}${path}`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpQueryAuth',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'accountId', value: String(ACCOUNT) }, ...query] },
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] },
				options: {},
				...rest,
			},
			credentials: { httpQueryAuth: { id: 'query', name: 'Alephee key' } },
			onError: 'continueRegularOutput',
		},
		items,
		credentials: { query: { name: 'API_KEY', value: apiKey } },
	});
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Heap used above the run's start (after a full collection when the script runs with
 * --expose-gc, as `npm run bench` does): the highest during `run`, garbage included (sampled
 * every 10 ms, so a peak between samples can be missed), and what is still held after it with
 * its result alive (after a full collection). The sandbox, in the same process, is counted too.
 */
export async function withPeakHeap<T>(run: () => Promise<T>): Promise<{ result: T; peakHeapMb: number; heldHeapMb: number }> {
	collectGarbage();
	const start = process.memoryUsage().heapUsed;
	let peak = start;
	const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
	const timer = setInterval(sample, 10);
	try {
		const result = await run();
		sample();
		collectGarbage();
		const megabytes = (bytes: number) => bytes / 2 ** 20;
		return { result, peakHeapMb: megabytes(peak - start), heldHeapMb: megabytes(process.memoryUsage().heapUsed - start) };
	} finally {
		clearInterval(timer);
	}
}

/** Requests the sandbox received, and 429s it answered, while `run` ran. */
export async function countRequests<T>(sandbox: AlepheeSandbox, run: () => Promise<T>) {
	const requestsBefore = sandbox.requests.length;
	const rejectedBefore = sandbox.rejectedByRateLimit;
	const started = performance.now();
	const result = await run();
	return {
		result,
		seconds: (performance.now() - started) / 1000,
		requests: sandbox.requests.length - requestsBefore,
		rejected: sandbox.rejectedByRateLimit - rejectedBefore,
	};
}

export const percentOf = (part: number, whole: number) => `${part} (${fixed((100 * part) / Math.max(1, whole), 1)}%)`;

export function printTable(header: string[], rows: string[][]) {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	console.log(line(header));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
}
