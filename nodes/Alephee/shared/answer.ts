import type { IDataObject } from 'n8n-workflow';

import { readAlepheeMessage } from '../transport/alepheeBody';

/**
 * What Alephee said with a success, for the output: its text as `alepheeMessage` (a plain
 * string, or the `Message` of a JSON object), else any other JSON it sent as `alepheeAnswer`.
 * Nothing when it sent nothing. The key is scrubbed from every output item by the transport.
 */
export function successAnswer(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	const message = readAlepheeMessage(body);
	if (message !== undefined) return { alepheeMessage: message };
	return typeof body === 'object' ? { alepheeAnswer: body as IDataObject } : {};
}
