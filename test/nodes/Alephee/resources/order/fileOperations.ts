/** What the engine tests of the file operations (label, documents) share. */
import { createServer, request as forwardRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeExecutionData } from 'n8n-workflow';

import type { AlepheeCredentialData, NodeRun } from '../../../../../harness/engine';
import { AlepheeSandbox } from '../../../../../sandbox/alepheeSandbox';

export const ACCOUNT = 4321;

/** A sandbox with the key tied to ACCOUNT, and these orders there (from a marketplace). */
export async function startSandbox(apiKey: string, orderIds: number[]): Promise<{ sandbox: AlepheeSandbox; credentials: AlepheeCredentialData }> {
	const sandbox = await AlepheeSandbox.start();
	sandbox.addKey(apiKey, [ACCOUNT]);
	for (const orderId of orderIds) sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'marketplace', lines: [] });
	return { sandbox, credentials: { apiKey, baseUrl: sandbox.baseUrl } };
}

/** The bytes of an output item's file. */
export const bytesOf = (item: INodeExecutionData, field = 'data') => Buffer.from(item.binary![field].data, 'base64');

/** The run failed with `message`, said nothing was sent, and the sandbox indeed got nothing. */
export function expectRefusedBeforeSending(result: NodeRun, sandbox: AlepheeSandbox, message: string | RegExp): void {
	if (typeof message === 'string') expect(result.error?.message).toBe(message);
	else expect(result.error?.message).toMatch(message);
	expect(result.error?.description).toMatch(/Nothing was sent to Alephee/);
	expect(sandbox.requests).toHaveLength(0);
}

/**
 * Between the node and the sandbox: passes every request on and answers with the sandbox's bytes,
 * but without a file name (no Content-Disposition) and typed application/octet-stream. The answer
 * to `holdAnswerTo` is held until an answer to another path has gone out (or 5 s have passed), so
 * it arrives last; `delivered` lists the paths in the order their answers went out.
 */
export async function startNamelessRelay(target: string) {
	const targetUrl = new URL(target);
	const delivered: string[] = [];
	const held: Array<{ path: string; release: () => void }> = [];
	const relay = { baseUrl: '', delivered, holdAnswerTo: undefined as string | undefined };
	const server = createServer((incoming, outgoing) => {
		const path = new URL(incoming.url ?? '/', 'http://relay').pathname;
		const forwarded = forwardRequest(
			{ host: targetUrl.hostname, port: targetUrl.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
			(answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					const headers = { ...answer.headers, 'content-type': 'application/octet-stream' };
					delete headers['content-disposition'];
					const deliver = () => {
						outgoing.writeHead(answer.statusCode ?? 502, headers);
						outgoing.end(Buffer.concat(chunks));
						delivered.push(path);
						for (const other of held.filter((waiting) => waiting.path !== path)) other.release();
					};
					if (path !== relay.holdAnswerTo) return deliver();
					const timer = setTimeout(() => release(), 5_000);
					const release = () => {
						clearTimeout(timer);
						held.splice(held.indexOf(entry), 1);
						deliver();
					};
					const entry = { path, release };
					held.push(entry);
				});
			},
		);
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	relay.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${targetUrl.pathname}`;
	const stop = async () => {
		for (const { release } of [...held]) release();
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return Object.assign(relay, { stop });
}
