/**
 * How Update Stock and Price goes to Alephee: the items of a run gathered into one batch, cut
 * into calls (one account and price list per call, never the same SKU twice, the call size
 * learned from 413s), and each product's outcome read from Alephee's answer to its call.
 */
import { type BatchEntry, type BatchOutcome, callSizesId, failedEntry, failEveryEntry, RunBatches, sendInCalls } from '../../transport/batch';
import { readAlepheeMessage } from '../../transport/alepheeBody';
import { credentialsOfRun } from '../../transport/operation';
import { baseUrlOf } from '../../transport/request';

/**
 * Products per call to start with: Alephee's cap is not published (a public client uses 1000).
 * Past a 413, the size that works is learned, and kept per API key for the next runs.
 */
const FIRST_BATCH_SIZE = 1000;

/** Alephee's batch answer: one entry per product sent. */
export interface BatchResultItem {
	ItemNumber?: number;
	ValidationLevel?: { Id?: number; Name?: string };
	KeyField?: string;
	KeyValue?: string;
	Messages?: Array<{ Level?: { Id?: number; Name?: string }; Code?: string | number; Message?: string }>;
}

/** One item of the run, ready to go in a call. */
export type ProductEntry = BatchEntry;

const isError = (level?: { Name?: string }) => /error/i.test(level?.Name ?? '');
const sameSku = (a: unknown, b: unknown) => String(a ?? '').trim().toLowerCase() === String(b ?? '').trim().toLowerCase();

/** What Alephee said about one product. */
function productOutcome(entry: ProductEntry, result: BatchResultItem | undefined, secret: string): BatchOutcome {
	const { sku, accountId, brand, priceListId } = entry.values;
	if (!result) {
		return failedEntry(entry, {
			message: `Alephee sent no result for product ${sku}`,
			description: 'The product may or may not have been updated: check it in Alephee before running this item again.',
		});
	}
	const messages = (result.Messages ?? []).map((message) => readAlepheeMessage(message, secret)).filter(Boolean) as string[];
	if (isError(result.ValidationLevel) || (result.Messages ?? []).some((message) => isError(message.Level))) {
		return failedEntry(entry, {
			message: `Alephee did not update product ${sku}`,
			description: messages.length
				? `Alephee says: ${messages.map((message) => `"${message}"`).join('; ')}`
				: 'Alephee marked the product as an error and sent no explanation.',
			alepheeMessage: messages.join(' | ') || undefined,
		});
	}
	return {
		json: {
			updated: true,
			sku,
			...(brand === undefined ? {} : { brand }),
			accountId,
			...(priceListId === undefined ? {} : { priceListId }),
			sent: entry.body,
			...(messages.length ? { warnings: messages } : {}),
		},
	};
}

/**
 * Which entry of Alephee's answer is about the product sent at `position`: the one naming its SKU
 * (`KeyValue`), else the one with its `ItemNumber`. Whether ItemNumber counts from 0 or 1 is not
 * published, so it is used only when the answer itself shows it (a 0, or the last number sent);
 * an answer that shows neither matches nothing, and the item is left uncertain, never given
 * another product's result.
 */
export function resultFor(items: BatchResultItem[], sku: unknown, position: number, sent: number): BatchResultItem | undefined {
	const bySku = items.find((item) => item.KeyValue !== undefined && item.KeyValue !== null && sameSku(item.KeyValue, sku));
	if (bySku) return bySku;
	const numbers = items.map((item) => item.ItemNumber).filter((number): number is number => Number.isInteger(number));
	const firstNumber = numbers.includes(0) ? 0 : numbers.includes(sent) ? 1 : undefined;
	if (firstNumber === undefined) return undefined;
	const byNumber = items.filter((item) => item.ItemNumber === position + firstNumber);
	// A number given twice points at two products: neither is trusted.
	if (byNumber.length !== 1) return undefined;
	const [candidate] = byNumber;
	// An entry that names another SKU is that product's, whatever its number says.
	return candidate.KeyValue === undefined || candidate.KeyValue === null || candidate.KeyValue === '' ? candidate : undefined;
}

/** Sends one call of products; each gets its own result (see `resultFor`). */
async function sendCall(entries: ProductEntry[], secret: string): Promise<BatchOutcome[]> {
	const response = await entries[0].send({ body: entries.map((entry) => entry.body), json: true });
	const items = ((response.body as { Items?: BatchResultItem[] })?.Items ?? []) as BatchResultItem[];
	return entries.map((entry, index) => productOutcome(entry, resultFor(items, entry.values.sku, index, entries.length), secret));
}

/**
 * All the update items of one node run: one account and price list per call, never the same
 * SKU twice in a call (Alephee answers per SKU, so each answer must point at one item).
 */
export async function sendAll(entries: ProductEntry[]): Promise<BatchOutcome[]> {
	const credentials = await credentialsOfRun(entries[0].nodeRun, entries[0].context);
	const secret = credentials.apiKey;
	return await sendInCalls(entries, {
		groupOf: (entry) => `${entry.values.accountId}|${entry.values.priceListId ?? ''}`,
		clash: (a, b) => sameSku(a.values.sku, b.values.sku),
		firstSize: FIRST_BATCH_SIZE,
		callSizesId: callSizesId(secret, baseUrlOf(credentials), 'POST /products'),
		sendCall: async (call) => await sendCall(call, secret),
		failCall: (call, error) => failEveryEntry(call, error, 'The products of this call may or may not have been updated: check them in Alephee.'),
	});
}

/** The update items of every run, gathered per run. */
export const productBatches = new RunBatches<ProductEntry, BatchOutcome>(sendAll);
