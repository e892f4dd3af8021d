/**
 * What the engine tests of one operation share: a fresh sandbox per test with the key tied to its
 * accounts, and the operation run through n8n's engine (node version 1.1 unless said, Account
 * given by ID).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { runAlephee, type AlepheeCredentialData, type NodeRun } from '../../../../harness/engine';
import { AlepheeSandbox } from '../../../../sandbox/alepheeSandbox';

/** A fresh sandbox for each test, the key tied to its accounts, and credentials pointing at it. */
export interface SandboxPerTest {
	readonly sandbox: AlepheeSandbox;
	/** The test's API key. */
	readonly apiKey: string;
	credentials: AlepheeCredentialData;
}

export interface SandboxRun extends SandboxPerTest {
	/** Runs the operation with these parameters (Account: the first account, unless given). */
	run(parameters: Record<string, unknown>, extra?: Partial<Parameters<typeof runAlephee>[0]>): Promise<NodeRun>;
}

export interface SandboxRunOptions {
	typeVersion?: number;
	/**
	 * A key of its own for each test (the key, numbered): what the node learns per key (call
	 * sizes, rate-limit budgets) lasts for the whole process.
	 */
	keyPerTest?: boolean;
}

/** Starts a sandbox before each test of the file (and stops it after): read it through the getters. */
export function sandboxPerTest(apiKey: string, accounts: number[], { keyPerTest = false }: Pick<SandboxRunOptions, 'keyPerTest'> = {}): SandboxPerTest {
	const state = {} as { sandbox: AlepheeSandbox; credentials: AlepheeCredentialData; apiKey: string };
	let tests = 0;
	beforeEach(async () => {
		state.apiKey = keyPerTest ? `${apiKey}-${++tests}` : apiKey;
		state.sandbox = await AlepheeSandbox.start();
		state.sandbox.addKey(state.apiKey, accounts);
		state.credentials = { apiKey: state.apiKey, baseUrl: state.sandbox.baseUrl };
	});
	afterEach(async () => {
		await state.sandbox.stop();
	});
	return {
		get sandbox() {
			return state.sandbox;
		},
		get apiKey() {
			return state.apiKey;
		},
		get credentials() {
			return state.credentials;
		},
		set credentials(credentials) {
			state.credentials = credentials;
		},
	};
}

export function sandboxRun(
	operation: { resource: string; operation: string },
	apiKey: string,
	accounts: number[],
	{ typeVersion = 1.1, keyPerTest = false }: SandboxRunOptions = {},
): SandboxRun {
	const fixture = sandboxPerTest(apiKey, accounts, { keyPerTest });
	// Added to the fixture itself, so its getters keep reading the current test's sandbox.
	return Object.assign(fixture, {
		run: async (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
			await runAlephee({
				credentials: fixture.credentials,
				typeVersion,
				parameters: { ...operation, accountId: { __rl: true, mode: 'id', value: String(accounts[0]) }, ...parameters },
				...extra,
			}),
	});
}

/**
 * The API key appears nowhere in what n8n saved of the run, whatever the node does on errors
 * (Continue On Fail on either output, or stop). `prepare` runs before each run (a scripted fault).
 */
export async function expectKeyNowhere(
	run: SandboxRun,
	apiKey: string,
	parameters: Record<string, unknown>,
	items: object[],
	prepare: () => void = () => {},
): Promise<void> {
	for (const onError of ['continueRegularOutput', 'continueErrorOutput', 'stopWorkflow'] as const) {
		prepare();
		const result = await run.run(parameters, { items, onError });
		expect(JSON.stringify(result.run)).not.toContain(apiKey);
	}
}

/**
 * A run with the error output, in short: each output item as [its `key` (the error on the error
 * output), the input item it is paired to].
 */
export function outcomes(result: NodeRun, key: string): { main: unknown[][]; errors: unknown[][] } {
	const pairedTo = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
	return {
		main: result.main.map((item) => [item.json[key], pairedTo(item)]),
		errors: result.errorOutput.map((item) => [item.json.error, pairedTo(item)]),
	};
}
