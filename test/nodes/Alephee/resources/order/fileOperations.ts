/** What the engine tests of the file operations (label, documents) share. */
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
