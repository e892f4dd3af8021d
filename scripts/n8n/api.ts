/**
 * The REST API that n8n's own editor uses (`/rest/...`), with a session cookie, as a
 * person using the editor would: set up the owner, sign in, save credentials and
 * workflows, test a credential, run a workflow and read its execution back. The same calls
 * work on n8n 1.x and 2.x.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type { N8nInstall } from './install';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** A throwaway owner for local, temporary n8n instances only. */
export const LOCAL_OWNER: Owner = {
	email: 'owner@alephee-sandbox.test',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-Owner-1',
};

export interface CredentialRef {
	id: string;
	name: string;
	type: string;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface NodeItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
	error?: unknown;
	[key: string]: unknown;
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string; httpCode?: string; [key: string]: unknown };
	data?: { main?: Array<NodeItem[] | null> };
	[key: string]: unknown;
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	/** runData by node name. */
	runData: Record<string, NodeRun[]>;
	/** The execution's error, when it failed. */
	error?: { message?: string; description?: string; node?: { name?: string }; [key: string]: unknown };
	lastNodeExecuted?: string;
	/** The REST answer exactly as n8n sent it (to search it for secrets). */
	rawResponse: string;
}

/** What the editor sends for a node's dynamic list (a picker or an options list). */
export interface EditorListRequest {
	methodName: string;
	path: string;
	nodeTypeAndVersion: { name: string; version: number };
	currentNodeParameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
}

export class N8nApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: string,
		what: string,
	) {
		super(`${what}: HTTP ${status} ${body.slice(0, 500)}`);
	}
}

const TERMINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled', 'cancelled']);

export class N8nApi {
	private cookie = '';

	private readonly browserId = `alephee-e2e-${process.pid}`;

	private readonly parseFlatted: (text: string) => unknown;

	constructor(
		readonly baseUrl: string,
		install: N8nInstall,
	) {
		// Execution data is stored in the `flatted` format; use n8n's own copy of the parser.
		const requireFromN8n = createRequire(path.join(install.dir, 'node_modules', 'n8n', 'package.json'));
		this.parseFlatted = (requireFromN8n('flatted') as { parse: (text: string) => unknown }).parse;
	}

	async request<T = unknown>(method: string, route: string, body?: unknown, what = `${method} ${route}`): Promise<T> {
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers: {
				accept: 'application/json',
				'browser-id': this.browserId,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie ? /n8n-auth=([^;]*)/.exec(setCookie) : null;
		if (auth) this.cookie = `n8n-auth=${auth[1]}`;
		const text = await response.text();
		if (!response.ok) throw new N8nApiError(response.status, text, what);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	private async data<T>(method: string, route: string, body?: unknown, what?: string): Promise<T> {
		const answer = await this.request<{ data: T }>(method, route, body, what);
		return answer.data;
	}

	/** Creates the owner account (first start) and keeps its session. */
	async setupOwner(owner: Owner = LOCAL_OWNER): Promise<void> {
		await this.data('POST', '/rest/owner/setup', owner, 'Owner setup');
		await this.login(owner);
	}

	async login(owner: Owner = LOCAL_OWNER): Promise<void> {
		// 1.x and 2.x read `emailOrLdapLoginId`; older 1.x releases read `email`.
		await this.data('POST', '/rest/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }, 'Login');
	}

	get sessionCookie(): string {
		return this.cookie;
	}

	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<CredentialRef> {
		const created = await this.data<{ id: string; name: string; type: string }>('POST', '/rest/credentials', { name, type, data }, `Creating credential "${name}"`);
		return { id: created.id, name: created.name, type: created.type };
	}

	/** The call the credential form's "Test" / save makes: `POST /rest/credentials/test`. */
	async testCredential(credential: CredentialRef, data: Record<string, unknown>): Promise<CredentialTestResult> {
		return await this.data<CredentialTestResult>('POST', '/rest/credentials/test', { credentials: { ...credential, data } }, `Testing credential "${credential.name}"`);
	}

	async createWorkflow(workflow: Record<string, unknown>): Promise<{ id: string; versionId?: string }> {
		return await this.data('POST', '/rest/workflows', workflow, `Creating workflow "${String(workflow.name)}"`);
	}

	async getWorkflow(id: string): Promise<Record<string, unknown>> {
		return await this.data('GET', `/rest/workflows/${id}`);
	}

	/**
	 * Runs a saved workflow from its trigger, as the editor's "Execute workflow" button does.
	 * 2.x runs the saved version; 1.x takes the workflow in the body, so both are sent.
	 */
	async runWorkflow(id: string, triggerName: string): Promise<string> {
		const workflowData = await this.getWorkflow(id);
		const started = await this.data<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/rest/workflows/${id}/run`,
			{ workflowData, triggerToStartFrom: { name: triggerName } },
			`Running workflow ${id}`,
		);
		if (!started.executionId) throw new Error(`n8n did not start an execution: ${JSON.stringify(started)}`);
		return String(started.executionId);
	}

	async getExecution(id: string): Promise<Execution> {
		const raw = await this.request<{ data: Record<string, unknown> }>('GET', `/rest/executions/${id}`, undefined, `Reading execution ${id}`);
		const execution = raw.data;
		const data = (typeof execution.data === 'string' ? this.parseFlatted(execution.data) : execution.data) as
			| { resultData?: { runData?: Record<string, NodeRun[]>; error?: Execution['error']; lastNodeExecuted?: string } }
			| undefined;
		return {
			id: String(execution.id),
			status: String(execution.status ?? (execution.finished ? 'success' : 'unknown')),
			finished: Boolean(execution.finished),
			runData: data?.resultData?.runData ?? {},
			error: data?.resultData?.error,
			lastNodeExecuted: data?.resultData?.lastNodeExecuted,
			rawResponse: JSON.stringify(raw),
		};
	}

	/** Polls until the execution has ended (at most `timeoutMs`). */
	async waitForExecution(id: string, timeoutMs = 120_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		let last: Execution | undefined;
		while (Date.now() < deadline) {
			try {
				last = await this.getExecution(id);
				const ended = TERMINAL_STATUSES.has(last.status) || (last.finished && last.status !== 'running');
				// Under load an execution can read as ended a moment before its run data (and, for a
				// failed one, its error) is saved: one that ran has run data, at least its trigger's.
				const dataSaved = !['success', 'error'].includes(last.status) || Object.keys(last.runData).length > 0 || last.error !== undefined;
				if (ended && dataSaved) return last;
			} catch (error) {
				// Not saved yet right after the start.
				if (!(error instanceof N8nApiError && error.status === 404)) throw error;
			}
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		throw new Error(`Execution ${id} did not finish within ${timeoutMs / 1000}s (last status: ${last?.status ?? 'not found'})`);
	}

	/** The editor's Stop button: `POST /rest/executions/:id/stop` (1.x and 2.x). */
	async stopExecution(id: string): Promise<void> {
		await this.request('POST', `/rest/executions/${id}/stop`, undefined, `Stopping execution ${id}`);
	}

	async runAndWait(workflowId: string, triggerName: string, timeoutMs?: number): Promise<Execution> {
		const executionId = await this.runWorkflow(workflowId, triggerName);
		return await this.waitForExecution(executionId, timeoutMs);
	}

	/**
	 * A resource locator's list, as the editor's picker asks for it
	 * (`POST /rest/dynamic-node-parameters/resource-locator-results`, 1.x and 2.x).
	 */
	async resourceLocatorResults(request: EditorListRequest & { filter?: string }): Promise<{ results: Array<{ name: string; value: string }> }> {
		return await this.data('POST', '/rest/dynamic-node-parameters/resource-locator-results', request, `Listing ${request.methodName}`);
	}

	/** An options list, as the editor loads it (`POST /rest/dynamic-node-parameters/options`). */
	async loadOptions(request: EditorListRequest): Promise<Array<{ name: string; value: string | number }>> {
		return await this.data('POST', '/rest/dynamic-node-parameters/options', request, `Loading ${request.methodName}`);
	}

	/** Activates a saved workflow as the editor's toggle does (`POST /rest/workflows/:id/activate`, 1.x and 2.x). */
	async activateWorkflow(id: string): Promise<void> {
		const { versionId } = (await this.getWorkflow(id)) as { versionId?: string };
		await this.data('POST', `/rest/workflows/${id}/activate`, { versionId }, `Activating workflow ${id}`);
	}

	async deactivateWorkflow(id: string): Promise<void> {
		await this.data('POST', `/rest/workflows/${id}/deactivate`, {}, `Deactivating workflow ${id}`);
	}

	/** The IDs of a workflow's executions, newest first (`GET /rest/executions`). */
	async executionIds(workflowId: string): Promise<string[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const answer = await this.data<{ results: Array<{ id: string | number }> }>('GET', `/rest/executions?filter=${filter}&limit=100`);
		return answer.results.map((execution) => String(execution.id));
	}

	/** The node types the editor gets (`/types/nodes.json`), including community nodes. */
	async nodeTypes(): Promise<Array<Record<string, unknown> & { name: string }>> {
		return await this.request('GET', '/types/nodes.json');
	}

	async credentialTypes(): Promise<Array<Record<string, unknown> & { name: string }>> {
		return await this.request('GET', '/types/credentials.json');
	}

	/** Full descriptions for node types, as the node panel loads them (`POST /rest/node-types`). */
	async nodeDescriptions(nodeInfos: Array<{ name: string; version: number }>): Promise<Array<Record<string, unknown>>> {
		return await this.data('POST', '/rest/node-types', { nodeInfos });
	}
}

/** The items of one output of a node's first run. */
export function outputItems(execution: Execution, nodeName: string, output = 0, run = 0): NodeItem[] {
	return execution.runData[nodeName]?.[run]?.data?.main?.[output] ?? [];
}

/** pairedItem as the item index it points to. */
export function pairedIndex(item: NodeItem): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired[0]?.item;
	return paired?.item;
}
