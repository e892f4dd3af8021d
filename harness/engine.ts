/**
 * Runs the built package through n8n's real engine: n8n-core's PackageDirectoryLoader loads
 * `dist/` exactly as n8n loads an installed community package, WorkflowExecute runs the
 * workflow, and the credential's own `authenticate` block is applied to every request.
 * Only the host services that the n8n server provides (credential storage, execution hooks)
 * are filled in here, as small in-memory stand-ins.
 * Used by the tests (test/) and the in-process benchmarks (scripts/bench*.ts).
 */
import path from 'node:path';

import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialsDecrypted,
	type ICredentialType,
	type IExecuteData,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialTestResult,
	type IDataObject,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IConnections,
	type IRun,
	type IRunExecutionData,
	type ITaskData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
	createRunExecutionData,
} from 'n8n-workflow';

export const PACKAGE_ROOT = path.resolve(__dirname, '..');
/** The time zone of the harness's workflows: the sandbox reads and writes its dates in UTC. */
export const WORKFLOW_TIMEZONE = 'UTC';
export const ALEPHEE_NODE_TYPE = 'n8n-nodes-alephee.alephee';
const ITEMS_NODE_TYPE = 'test.items';

export interface AlepheeCredentialData extends ICredentialDataDecryptedObject {
	apiKey: string;
	baseUrl: string;
}

/** A file on an input item, as a node before Alephee (Read Files, HTTP Request…) would put it there. */
export interface InputFile {
	data: Buffer | string;
	fileName?: string;
	mimeType?: string;
}

/** A source node: it emits the items it is given (with their files, through n8n's binary helpers), like any node before Alephee. */
class ItemsSource implements INodeType {
	description = {
		displayName: 'Items',
		name: ITEMS_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Emits the items of its parameter',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
			{ displayName: 'Files', name: 'files', type: 'json', default: '[]' },
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as object[];
		const files = JSON.parse(this.getNodeParameter('files', 0, '[]') as string) as Array<Record<string, { base64: string; fileName?: string; mimeType?: string }> | null>;
		return [
			await Promise.all(
				items.map(async (json, index) => {
					const item: INodeExecutionData = { json: json as INodeExecutionData['json'], pairedItem: { item: index } };
					for (const [name, file] of Object.entries(files[index] ?? {})) {
						item.binary ??= {};
						item.binary[name] = await this.helpers.prepareBinaryData(Buffer.from(file.base64, 'base64'), file.fileName, file.mimeType);
					}
					return item;
				}),
			),
		];
	}
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** The package as n8n sees it: `package.json`'s `n8n` block, the compiled files, the codex. */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

/** n8n's own HTTP Request node, to compare against (benchmarks). */
export const HTTP_REQUEST_NODE_TYPE = 'n8n-nodes-base.httpRequest';

function nodeTypesOf(loader: PackageDirectoryLoader): INodeTypes {
	const types: Record<string, INodeType | IVersionedNodeType> = {
		[ITEMS_NODE_TYPE]: new ItemsSource(),
	};
	for (const [name, data] of Object.entries(loader.nodeTypes)) {
		types[`${loader.packageName}.${name}`] = data.type;
	}
	const byNameAndVersion = (type: string, version?: number): INodeType => {
		const nodeType = types[type] ?? loadBaseNode(type, types);
		return asRegistryServesIt('nodeVersions' in nodeType ? nodeType.getNodeType(version) : nodeType);
	};
	return {
		getByName: (type) => types[type] ?? loadBaseNode(type, types),
		getByNameAndVersion: byNameAndVersion,
		getKnownTypes: () => ({}),
	};
}

/**
 * What n8n's node-type registry does to every node it serves (n8n's `NodeTypes` in
 * packages/cli/src/node-types.ts, with `shouldAssignExecuteMethod` from its utils; the same in
 * 2.41.1 and 1.123.81): a declarative node gets an `execute()` that runs RoutingNode over the
 * full execution context, which carries the execution's cancel signal. Without it the engine
 * would take its fallback path for declarative nodes, which passes no cancel signal.
 */
function asRegistryServesIt(nodeType: INodeType): INodeType {
	const isDeclarative = nodeType.description?.requestDefaults !== undefined;
	const needsExecute =
		!nodeType.execute &&
		!nodeType.supplyData &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || isDeclarative) &&
		(!nodeType.methods || isDeclarative);
	if (needsExecute) {
		nodeType.execute = async function (this: IExecuteFunctions) {
			const routingNode = new RoutingNode(this as unknown as ExecuteContext, nodeType);
			return (await routingNode.runNode()) ?? [];
		};
	}
	return nodeType;
}

/** Loaded only when a workflow uses it: n8n-nodes-base is large. */
function loadBaseNode(type: string, types: Record<string, INodeType | IVersionedNodeType>) {
	if (type !== HTTP_REQUEST_NODE_TYPE) throw new Error(`Unknown node type ${type}`);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node') as {
		HttpRequest: new () => IVersionedNodeType;
	};
	types[type] = new HttpRequest();
	return types[type];
}

/**
 * n8n's server keeps credentials encrypted in its database and applies the credential type's
 * `authenticate` block to each request. This stand-in holds them in memory and applies that
 * block with the workflow's real expression engine.
 */
class InMemoryCredentialsHelper extends ICredentialsHelper {
	/** How often a node asked for decrypted credentials: in n8n, each is a database read. */
	reads = 0;

	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly stored: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialTypes[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=') && workflow && node
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
			options[target] ??= {};
			for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
				options[target][name] = resolve(value);
			}
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used by the harness');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: { id: string | null },
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		const data = this.stored[nodeCredentials.id ?? ''];
		if (!data) throw new Error(`No credential with id ${nodeCredentials.id}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.credentialTypes[type]?.properties ?? [];
	}
}

function additionalDataFor(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formBaseUrl: 'http://127.0.0.1:5678/formBaseUrl',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/formWaitingBaseUrl',
		formTestBaseUrl: 'http://127.0.0.1:5678/formTestBaseUrl',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhookBaseUrl',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhookWaitingBaseUrl',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhookTestBaseUrl',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcpBaseUrl',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcpTestBaseUrl',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Not used by the harness');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function credentialTypesOf(loader: PackageDirectoryLoader): Record<string, ICredentialType> {
	return Object.fromEntries(
		Object.entries(loader.credentialTypes).map(([name, data]) => [name, data.type]),
	);
}

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface NodeRun {
	/** Items on the node's main output (first output). */
	main: INodeExecutionData[];
	/** Items on the error output, when the node routes errors there. */
	errorOutput: INodeExecutionData[];
	/** The error that stopped the workflow, if it stopped. */
	error?: IRun['data']['resultData']['error'];
	run: IRun;
	taskData?: ITaskData;
	/** Decrypted-credential reads during the run (n8n reads the database for each). */
	credentialReads: number;
}

export interface WorkflowRunOptions {
	/** The node under test; it receives `items` from a source node. */
	node: Omit<INode, 'id' | 'name' | 'position'>;
	items?: object[];
	/** Files on the items, by item and binary field name (`files[1].data` is item 1's `data`). */
	files?: Array<Record<string, InputFile> | undefined>;
	/** Stored credentials by id, as the node's `credentials` refer to them. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** When this settles, the execution is stopped as n8n's Stop button does (it cancels the run). */
	stopWhen?: Promise<unknown>;
}

/** Files as the source node's parameter carries them: bytes as base64. */
function filesAsJson(files: WorkflowRunOptions['files'] = []) {
	return files.map((byName) =>
		byName
			? Object.fromEntries(
					Object.entries(byName).map(([name, { data, fileName, mimeType }]) => [
						name,
						{ base64: Buffer.from(data).toString('base64'), fileName, mimeType },
					]),
				)
			: null,
	);
}

/** Runs `Items → node` through WorkflowExecute and returns what the node produced. */
export async function runNode({ node, items, files, credentials, stopWhen }: WorkflowRunOptions): Promise<NodeRun> {
	const loader = await loadPackage();
	const nodeTypes = nodeTypesOf(loader);
	const credentialsHelper = new InMemoryCredentialsHelper(credentialTypesOf(loader), credentials);
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(items ?? [{}]), files: JSON.stringify(filesAsJson(files)) },
		},
		{ id: 'under-test', name: 'Under Test', position: [200, 0], ...node },
	];
	const connections: IConnections = { Items: { main: [[{ node: 'Under Test', type: 'main', index: 0 }]] } };
	const workflow = new Workflow({ id: 'wf-1', nodes, connections, active: false, nodeTypes, settings: { timezone: WORKFLOW_TIMEZONE } });
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', workflow as never);
	const running = new WorkflowExecute(additionalDataFor(credentialsHelper, hooks), 'manual').run({
		workflow,
		startNode: workflow.getNode('Items')!,
		destinationNode: { nodeName: 'Under Test', mode: 'inclusive' },
	});
	void stopWhen?.then(() => running.cancel());
	const run = await running;
	const taskData = run.data.resultData.runData['Under Test']?.[0];
	const outputs = taskData?.data?.main ?? [];
	return {
		main: outputs[0] ?? [],
		errorOutput: outputs[1] ?? [],
		error: run.data.resultData.error,
		run,
		taskData,
		credentialReads: credentialsHelper.reads,
	};
}

export interface AlepheeRunOptions {
	credentials: AlepheeCredentialData;
	stopWhen?: Promise<unknown>;
	/** The node version (1 is what 0.1.0 saved; 1.1 is what new nodes get). */
	typeVersion?: number;
	/** The Alephee node's parameters (resource and operation default to order/delete). */
	parameters: Record<string, unknown>;
	/** The items that reach the Alephee node. */
	items?: object[];
	/** Files on those items, by item and binary field name. */
	files?: WorkflowRunOptions['files'];
	onError?: OnError;
}

/** Runs `Items → Alephee` with the Alephee credential. */
export async function runAlephee(options: AlepheeRunOptions): Promise<NodeRun> {
	return await runNode({
		node: {
			type: ALEPHEE_NODE_TYPE,
			typeVersion: options.typeVersion ?? 1,
			parameters: { resource: 'order', operation: 'delete', ...options.parameters } as INode['parameters'],
			credentials: { alepheeApi: { id: 'cred-1', name: 'Alephee account' } },
			...(options.onError ? { onError: options.onError } : {}),
		},
		items: options.items,
		files: options.files,
		credentials: { 'cred-1': options.credentials },
		stopWhen: options.stopWhen,
	});
}

/**
 * The credential test exactly as n8n's CredentialsTester runs a declarative `test`: a
 * temporary node carrying the test request, run by RoutingNode with the decrypted data.
 */
export async function testCredential(credentials: AlepheeCredentialData): Promise<INodeCredentialTestResult> {
	const loader = await loadPackage();
	const credentialTypes = credentialTypesOf(loader);
	const credentialType = credentialTypes.alepheeApi;
	const testRequest = credentialType.test!;
	const alephee = (nodeTypesOf(loader)).getByNameAndVersion(ALEPHEE_NODE_TYPE);
	const probeType: INodeType = {
		description: {
			...alephee.description,
			credentials: [{ name: 'alepheeApi', required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: ALEPHEE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { alepheeApi: { id: 'cred-test', name: 'Alephee account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => probeType,
			getByNameAndVersion: () => probeType,
			getKnownTypes: () => ({}),
		},
	});
	const decrypted: ICredentialsDecrypted = { id: 'cred-test', name: 'Alephee account', type: 'alepheeApi', data: credentials };
	const additionalData = additionalDataFor(new InMemoryCredentialsHelper(credentialTypes, { 'cred-test': credentials }));
	const mode: WorkflowExecuteMode = 'internal';
	const runExecutionData: IRunExecutionData = createRunExecutionData({ resultData: { runData: {} } });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(workflow, node, additionalData, mode, runExecutionData, 0, [], { main: [[{ json: {} }]] }, executeData, []);
	try {
		await new RoutingNode(context, probeType, decrypted).runNode();
	} catch (error) {
		const status = (error as { cause?: { response?: { status?: number; statusText?: string } } }).cause?.response;
		if (status?.status) {
			const rule = testRequest.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status.status,
			);
			return { status: 'Error', message: rule ? rule.properties.message : status.statusText || `Received HTTP status code: ${status.status}` };
		}
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

export const ALEPHEE_TRIGGER_NODE_TYPE = 'n8n-nodes-alephee.alepheeTrigger';

/** A workflow holding one node of the package, as n8n builds one to serve the editor or a poll. */
async function singleNodeWorkflow(
	type: string,
	typeVersion: number,
	parameters: Record<string, unknown>,
	credentials: AlepheeCredentialData,
	staticData?: IDataObject,
) {
	const loader = await loadPackage();
	const node: INode = {
		id: 'only',
		name: 'Only',
		type,
		typeVersion,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { alepheeApi: { id: 'cred-1', name: 'Alephee account' } },
	};
	const workflow = new Workflow({
		id: 'wf-1',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(loader),
		staticData,
		settings: { timezone: WORKFLOW_TIMEZONE },
	});
	const additionalData = additionalDataFor(new InMemoryCredentialsHelper(credentialTypesOf(loader), { 'cred-1': credentials }));
	// The editor sends the node's current parameters with a list request; list methods read them here.
	additionalData.currentNodeParameters = parameters as INode['parameters'];
	const nodeType = workflow.nodeTypes.getByNameAndVersion(type, typeVersion);
	return { workflow, node, additionalData, nodeType };
}

export interface EditorRequest {
	credentials: AlepheeCredentialData;
	/** The node's current parameters, as the editor sends them. */
	parameters?: Record<string, unknown>;
	type?: string;
	typeVersion?: number;
}

/** A resource locator's list, as n8n's editor endpoint runs it: the node's method with a LoadOptionsContext. */
export async function runListSearch(
	method: string,
	request: EditorRequest & { path?: string },
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { workflow, node, additionalData, nodeType } = await singleNodeWorkflow(
		request.type ?? ALEPHEE_NODE_TYPE,
		request.typeVersion ?? 1.1,
		request.parameters ?? {},
		request.credentials,
	);
	const context = new LoadOptionsContext(workflow, node, additionalData, request.path ?? 'parameters.accountId');
	return await nodeType.methods!.listSearch![method].call(context, filter, paginationToken);
}

/** An options list, as n8n's editor endpoint runs it. */
export async function runLoadOptions(method: string, request: EditorRequest): Promise<INodePropertyOptions[]> {
	const { workflow, node, additionalData, nodeType } = await singleNodeWorkflow(
		request.type ?? ALEPHEE_NODE_TYPE,
		request.typeVersion ?? 1.1,
		request.parameters ?? {},
		request.credentials,
	);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.filters.marketplaceId');
	return await nodeType.methods!.loadOptions![method].call(context);
}

export interface PollRun {
	/** What poll() returned: the items of one execution, or null when nothing was new. */
	items: INodeExecutionData[] | null;
	/** The node's static data after the poll, to hand to the next one as n8n does. */
	staticData: IDataObject;
}

/** One poll of the Alephee Trigger, as n8n's poller runs it (mode `trigger`, or `manual` for Fetch test event). */
export async function runPoll(options: {
	credentials: AlepheeCredentialData;
	parameters: Record<string, unknown>;
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
}): Promise<PollRun> {
	const { workflow, node, additionalData, nodeType } = await singleNodeWorkflow(
		ALEPHEE_TRIGGER_NODE_TYPE,
		1,
		options.parameters,
		options.credentials,
		structuredClone(options.staticData ?? {}),
	);
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
	const result = await nodeType.poll!.call(context);
	// n8n keeps static data as an observable object; a plain copy is what it saves.
	return { items: result?.[0] ?? null, staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
}
