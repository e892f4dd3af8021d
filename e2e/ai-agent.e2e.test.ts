/**
 * An AI agent in real n8n (N8N_VERSION picks it) using the Alephee node as its tools: n8n's AI
 * Agent with n8n's OpenAI chat model node, pointed at a small scripted OpenAI-compatible server on
 * 127.0.0.1 (no model, no network). The script plays the model: it calls the tools n8n offers and
 * reads what they answer, so the test sees exactly what the agent was told.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

import { orderGet } from '../nodes/Alephee/resources/order/get';
import { toolDescriptionOf } from '../nodes/Alephee/resources/toolDescription';
import { outputItems } from '../scripts/n8n/api';
import { manualTrigger, type WorkflowNode } from '../scripts/n8n/workflows';
import { ACCOUNT_ID, E2e, SETUP_TIMEOUT_MS } from './harness';

interface ChatMessage {
	role: string;
	content?: string | null;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}
interface ChatRequest {
	messages: ChatMessage[];
	tools?: Array<{ function: { name: string; description?: string; parameters?: unknown } }>;
}
type Reply = { toolCall: { tool: RegExp; arguments: Record<string, unknown> } } | { text: string };

/** A stand-in for OpenAI's chat completions: each answer is the next step of the script. */
class ScriptedModel {
	readonly requests: ChatRequest[] = [];
	script: Array<(request: ChatRequest) => Reply> = [];
	private server!: Server;

	async start(): Promise<string> {
		this.server = createServer(
			(incoming, outgoing) =>
				void this.answer(incoming).then(({ body, stream }) => {
					if (!stream) {
						outgoing.writeHead(200, { 'content-type': 'application/json' });
						outgoing.end(JSON.stringify(body));
						return;
					}
					// Streamed as OpenAI streams it: the message as one delta, then its end, then the usage.
					const completion = body as { id: string; created: number; model: string; choices: Array<{ message: ChatMessage; finish_reason: string }>; usage: unknown };
					const { message, finish_reason } = completion.choices[0];
					const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
						`data: ${JSON.stringify({ id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model, choices, ...extra })}\n\n`;
					const delta = message.tool_calls
						? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
						: { role: 'assistant', content: message.content };
					outgoing.writeHead(200, { 'content-type': 'text/event-stream' });
					outgoing.write(chunk([{ index: 0, delta, finish_reason: null }]));
					outgoing.write(chunk([{ index: 0, delta: {}, finish_reason }]));
					outgoing.write(chunk([], { usage: completion.usage }));
					outgoing.end('data: [DONE]\n\n');
				}),
		);
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** What the tools answered, as the model was told (the tool messages of the last request). */
	toolAnswers(): string[] {
		const last = this.requests.at(-1);
		return (last?.messages ?? []).filter((message) => message.role === 'tool').map((message) => String(message.content ?? ''));
	}

	private async answer(incoming: IncomingMessage): Promise<{ body: unknown; stream: boolean }> {
		const chunks: Buffer[] = [];
		for await (const chunk of incoming) chunks.push(chunk as Buffer);
		const url = incoming.url ?? '';
		if (!url.endsWith('/chat/completions')) return { body: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] }, stream: false };
		const request = JSON.parse(Buffer.concat(chunks).toString() || '{}') as ChatRequest & { stream?: boolean };
		this.requests.push(request);
		const step = this.script.shift();
		const reply = step ? step(request) : { text: 'Done.' };
		const message: ChatMessage =
			'text' in reply
				? { role: 'assistant', content: reply.text }
				: {
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id: `call_${randomUUID().slice(0, 8)}`,
								function: { name: toolName(request, reply.toolCall.tool), arguments: JSON.stringify(reply.toolCall.arguments) },
							},
						],
					};
		if (message.tool_calls) (message.tool_calls[0] as unknown as { type: string }).type = 'function';
		const body = {
			id: `chatcmpl-${randomUUID().slice(0, 8)}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: 'gpt-4o-mini',
			choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		};
		return { body, stream: request.stream === true };
	}
}

/** The name n8n gave the tool the script means (n8n derives it from the node's name). */
function toolName(request: ChatRequest, tool: RegExp): string {
	const name = request.tools?.map((offered) => offered.function.name).find((offered) => tool.test(offered));
	if (!name) throw new Error(`The agent offered no tool matching ${tool}: ${JSON.stringify(request.tools?.map((offered) => offered.function.name))}`);
	return name;
}

let e2e: E2e;
const model = new ScriptedModel();
let openAiCredential: { id: string; name: string };

beforeAll(async () => {
	const baseUrl = await model.start();
	e2e = await E2e.start();
	openAiCredential = await e2e.api.createCredential('OpenAI stand-in', 'openAiApi', { apiKey: 'sk-scripted-model', url: baseUrl });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await e2e?.stop();
	await model.stop();
}, 60_000);

/** An Alephee tool; without a description of the user's, the agent is told the operation's own. */
const alepheeTool = (name: string, description: string | undefined, parameters: Record<string, unknown>): WorkflowNode => ({
	id: randomUUID(),
	name,
	type: 'n8n-nodes-alephee.alepheeTool',
	typeVersion: 1.2,
	position: [440, 200],
	parameters: { ...(description === undefined ? {} : { toolDescription: description }), accountId: { __rl: true, mode: 'id', value: String(ACCOUNT_ID) }, ...parameters },
	credentials: { alepheeApi: { id: e2e.credential.id, name: e2e.credential.name } },
});

function agentWorkflow(prompt: string): Record<string, unknown> {
	const trigger = manualTrigger();
	const agent: WorkflowNode = {
		id: randomUUID(),
		name: 'AI Agent',
		type: '@n8n/n8n-nodes-langchain.agent',
		typeVersion: 1.7,
		position: [220, 0],
		parameters: { promptType: 'define', text: prompt, options: {} },
	};
	const chatModel: WorkflowNode = {
		id: randomUUID(),
		name: 'OpenAI Chat Model',
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: 1.2,
		position: [220, 200],
		parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
		credentials: { openAiApi: { id: openAiCredential.id, name: openAiCredential.name } },
	};
	const find = alepheeTool('Find order', undefined, {
		resource: 'order',
		operation: 'get',
		orderId: { __rl: true, mode: 'marketplaceOrderNumber', value: "={{ $fromAI('marketplaceOrderNumber', 'The marketplace order number the user gave', 'string') }}" },
	});
	const remove = alepheeTool('Delete order', "Delete an Alephee order created through the API, giving its stock back; needs the order's Alephee ID.", {
		resource: 'order',
		operation: 'delete',
		orderId: { __rl: true, mode: 'id', value: "={{ $fromAI('orderId', 'The Alephee ID (id) of the order', 'number') }}" },
		revertStock: true,
	});
	return {
		name: 'E2E AI agent with Alephee tools',
		nodes: [trigger, agent, chatModel, find, remove],
		connections: {
			[trigger.name]: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'Find order': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			'Delete order': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

describe('an AI Agent using the Alephee node as its tools', () => {
	test('finds an order by its marketplace number, deletes it with Revert Stock, and is told what Alephee did', async () => {
		e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 9901, externalOrderId: 'MLA-AGENT-1', createdThrough: 'api', lines: [{ sku: 'AGENT-SKU', quantity: 3 }] });
		e2e.sandbox.setStock(ACCOUNT_ID, 'AGENT-SKU', 10);
		model.script = [
			() => ({ toolCall: { tool: /find/i, arguments: { marketplaceOrderNumber: 'MLA-AGENT-1' } } }),
			(request) => {
				const found = JSON.parse(lastToolAnswer(request)) as Array<{ id?: number }> | { id?: number };
				const id = Array.isArray(found) ? found[0]?.id : found.id;
				return { toolCall: { tool: /delete/i, arguments: { orderId: id } } };
			},
			() => ({ text: 'Order MLA-AGENT-1 was deleted and its stock given back.' }),
		];
		const since = e2e.sandbox.requests.length;
		const execution = await e2e.run(agentWorkflow('Delete the order MLA-AGENT-1 and give its stock back.'));

		expect(execution.status).toBe('success');
		const sent = e2e.sandbox.requests.slice(since).map((request) => [request.method, request.path, request.query.externalOrderIdFrom ?? request.query.orderId ?? request.query.idFrom]);
		expect(sent).toEqual(expect.arrayContaining([['DELETE', '/v2/orders', '9901']]));
		expect(e2e.sandbox.order(ACCOUNT_ID, 9901)?.status).toBe(70);
		expect(e2e.sandbox.stockOf(ACCOUNT_ID, 'AGENT-SKU')).toBe(13);
		// What the agent was told by the tools: the order found, then the deletion.
		const told = model.toolAnswers();
		expect(told[0]).toContain('"id":9901');
		expect(told[1]).toContain('"deleted":true');
		expect(String(outputItems(execution, 'AI Agent')[0]?.json.output)).toBe('Order MLA-AGENT-1 was deleted and its stock given back.');
		// Each tool tells the agent what it needs and what it gets back: the operation's own
		// description where the user wrote none (Find order), else the user's (Delete order).
		const offered = new Map((model.requests[0].tools ?? []).map((tool) => [tool.function.name, tool.function.description]));
		expect(offered.get('Find_order')).toBe(toolDescriptionOf(orderGet));
		expect(offered.get('Find_order')).toMatch(/^Get an order in Alephee\. Needs: Account, Order ID\. Returns the order: \{id /);
		expect(offered.get('Delete_order')).toBe("Delete an Alephee order created through the API, giving its stock back; needs the order's Alephee ID.");
	});

	test('a refusal (412) reaches the agent as Alephee\'s words, not a crash', async () => {
		e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId: 9902, externalOrderId: 'MLA-AGENT-2', createdThrough: 'marketplace', lines: [] });
		model.script = [
			() => ({ toolCall: { tool: /delete/i, arguments: { orderId: 9902 } } }),
			() => ({ text: 'Alephee refused: the order came from a marketplace.' }),
		];
		const execution = await e2e.run(agentWorkflow('Delete order 9902.'));

		expect(execution.status).toBe('success');
		expect(e2e.sandbox.order(ACCOUNT_ID, 9902)?.status).not.toBe(70);
		const [told] = model.toolAnswers();
		expect(told).toContain('Alephee refused to delete order 9902');
		expect(told).toContain('La orden pertenece a un canal conectado de forma nativa');
	});
});

function lastToolAnswer(request: ChatRequest): string {
	const tools = request.messages.filter((message) => message.role === 'tool');
	return String(tools.at(-1)?.content ?? '');
}
