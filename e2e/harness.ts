/**
 * Shared setup of the end-to-end tests: a real n8n (version from N8N_VERSION) with the
 * packed package in its community nodes folder, the owner signed in, and the Alephee
 * sandbox beside it.
 */
import path from 'node:path';

import { AlepheeSandbox } from '../sandbox/alepheeSandbox';
import type { CredentialRef, Execution } from '../scripts/n8n/api';
import { resolveN8nVersion } from '../scripts/n8n/config';
import { newApiKey } from '../scripts/n8n/sandboxSetup';
import { startN8nWithPackage, type N8nStack } from '../scripts/n8n/stack';
import { MANUAL_TRIGGER } from '../scripts/n8n/workflows';

export const ACCOUNT_ID = 3100;
export const OTHER_ACCOUNT_ID = 3200;

export const artifactsDir = path.join(__dirname, '.artifacts');

/** How long the first run may take: it installs Node.js 24 and n8n (then cached). */
export const SETUP_TIMEOUT_MS = 45 * 60_000;

export class E2e {
	readonly executions: Execution[] = [];

	/** Every API key handed to n8n; none may show up in its data or logs. */
	readonly secrets: string[] = [];

	private constructor(
		readonly stack: N8nStack,
		readonly sandbox: AlepheeSandbox,
		readonly apiKey: string,
		readonly credential: CredentialRef,
	) {}

	static async start(): Promise<E2e> {
		const version = resolveN8nVersion();
		process.stderr.write(`[e2e] n8n ${version}; N8N_VERSION picks another: an exact version, 1.x (the last 1.x) or 2.x (the newest 2.x that installs here)\n`);
		const apiKey = newApiKey();
		const sandbox = await AlepheeSandbox.start();
		sandbox.addKey(apiKey, [ACCOUNT_ID]);
		let stack: N8nStack | undefined;
		try {
			stack = await startN8nWithPackage({
				n8nVersion: version,
				logLevel: 'debug',
				logFile: path.join(artifactsDir, `n8n-${version}.log`),
			});
			const credential = await stack.api.createCredential('Alephee sandbox', 'alepheeApi', { apiKey, baseUrl: sandbox.baseUrl });
			const e2e = new E2e(stack, sandbox, apiKey, credential);
			e2e.secrets.push(apiKey);
			return e2e;
		} catch (error) {
			await stack?.stop();
			await sandbox.stop();
			throw error;
		}
	}

	get api() {
		return this.stack.api;
	}

	get version(): string {
		return this.stack.install.version;
	}

	/** Saves the workflow, runs it from its manual trigger and returns the finished execution. */
	async run(workflow: Record<string, unknown>): Promise<Execution> {
		const saved = await this.api.createWorkflow(workflow);
		const execution = await this.api.runAndWait(saved.id, MANUAL_TRIGGER);
		this.executions.push(execution);
		return execution;
	}

	/** DELETE requests the sandbox received from `since` on. */
	deletesSince(since: number) {
		return this.sandbox.requests.slice(since).filter((request) => request.method === 'DELETE');
	}

	async stop(): Promise<void> {
		await this.stack.stop();
		await this.sandbox.stop();
	}
}

/** Log lines at warn or error level (n8n's console format: `HH:MM:SS.mmm   level   message`). */
export function warningsAndErrors(log: string): string[] {
	return log.split('\n').filter((line) => /^\S*\s+(warn|error)\s/i.test(line.trim()) || /^(warn|error)\b/i.test(line.trim()));
}
