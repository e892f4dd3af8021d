/**
 * `npm run bench`, products section: update the stock and price of many products under a tight
 * POST limit, with (a) this node, as it is and when Alephee's per-call cap is below the node's
 * first call size, (b) n8n's HTTP Request node sending one product per call with its defaults,
 * (c) the same with its batching option tuned to the limit. (c) needs N ÷ rate minutes (2.8 h
 * for 5,000 products at 30/min), so it runs on the first BENCH_HTTP_PRODUCTS products only and
 * its time for all of them is extrapolated from that run, and printed as such. Two more rows
 * send BENCH_LEARN_PRODUCTS products under a cap of BENCH_LEARN_CAP twice with one key: the
 * first run learns the cap (413s included), the second starts from what the node remembered.
 *
 *   BENCH_PRODUCTS=5000 BENCH_POST_RATE=30 BENCH_POST_BURST=5 BENCH_HTTP_PRODUCTS=50 BENCH_ONLY=products npm run bench
 */
import type { INodeParameters } from 'n8n-workflow';

import { ACCOUNT, countRequests, fixed, percentOf, printTable, runAlepheeNode, runHttpRequestNode, sizeFromEnv } from './bench-common';
import type { NodeRun } from '../harness/engine';
import { AlepheeSandbox } from '../sandbox/alepheeSandbox';

const PRODUCTS = sizeFromEnv('BENCH_PRODUCTS', 5000);
const RATE_PER_MINUTE = sizeFromEnv('BENCH_POST_RATE', 30);
const BURST = sizeFromEnv('BENCH_POST_BURST', 5);
/** How many products the paced one-per-call contender really sends. */
const HTTP_PRODUCTS = Math.min(PRODUCTS, sizeFromEnv('BENCH_HTTP_PRODUCTS', 50));
/** A per-call cap below the node's first call size (1000), to show what the 413 splits cost. */
const SMALL_CAP = sizeFromEnv('BENCH_PRODUCT_CAP', 250);
/** Products and cap of the learning rows: a first run learns the cap, a second run (same key) starts from it. */
const LEARN_PRODUCTS = Math.min(PRODUCTS, sizeFromEnv('BENCH_LEARN_PRODUCTS', 2000));
const LEARN_CAP = sizeFromEnv('BENCH_LEARN_CAP', 50);

interface Contender {
	label: string;
	/** Products it is given (fewer than PRODUCTS when its full run would take hours). */
	count: number;
	/** Alephee's per-call cap during the run (none by default: the sandbox accepts any size). */
	cap?: number;
	/** Contenders with the same key share an API key, and with it what the node remembers of it. */
	key?: string;
	run(sandbox: AlepheeSandbox, apiKey: string, items: ProductRow[]): Promise<NodeRun>;
}

interface ProductRow {
	sku: string;
	stock: number;
	price: number;
}

/** The Alephee node's parameters: SKU, stock and price from the item. */
const ALEPHEE_UPDATE: INodeParameters = {
	resource: 'product',
	operation: 'update',
	sku: '={{ $json.sku }}',
	updateFields: { stockQuantity: '={{ $json.stock }}', price: '={{ $json.price }}' },
};

/** The HTTP Request node's call for one item: a list of one product, as POST /v2/products takes it. */
const HTTP_REQUEST_ONE_PRODUCT = {
	method: 'POST',
	path: '/products',
	sendBody: true,
	contentType: 'json',
	specifyBody: 'json',
	jsonBody: '={{ JSON.stringify([{ SKU: $json.sku, Stock: { Quantity: $json.stock }, Price: { Price: $json.price } }]) }}',
};

const alepheeNode = (label: string, cap?: number, count = PRODUCTS, key?: string): Contender => ({
	label,
	count,
	cap,
	key,
	run: async (sandbox, apiKey, items) => await runAlepheeNode(sandbox, apiKey, ALEPHEE_UPDATE, items),
});

/** One product per call, as the HTTP Request node sends one request per item. */
const httpRequestOnePerCall = (label: string, count: number, options: INodeParameters = {}): Contender => ({
	label,
	count,
	run: async (sandbox, apiKey, items) => await runHttpRequestNode(sandbox, apiKey, { ...HTTP_REQUEST_ONE_PRODUCT, options }, items),
});

const batchInterval = Math.round((BURST * 60_000) / RATE_PER_MINUTE);
const httpBatched = httpRequestOnePerCall(
	`HTTP Request node, one product per call, batching ${BURST} per ${batchInterval} ms (hand-tuned to this limit)`,
	HTTP_PRODUCTS,
	{ batching: { batch: { batchSize: BURST, batchInterval } } },
);

const contenders = [
	alepheeNode('Alephee node (no settings)'),
	alepheeNode(`Alephee node, Alephee's cap ${SMALL_CAP} per call (413 above)`, SMALL_CAP),
	alepheeNode(`Alephee node, cap ${LEARN_CAP} per call, first run (learns the cap)`, LEARN_CAP, LEARN_PRODUCTS, 'learn'),
	alepheeNode(`  ↳ the same key again, second run (cap remembered)`, LEARN_CAP, LEARN_PRODUCTS, 'learn'),
	httpRequestOnePerCall('HTTP Request node, one product per call, defaults', PRODUCTS),
	httpBatched,
];

export async function benchProducts() {
	console.log(
		`\nUpdate Stock and Price: ${PRODUCTS} products, POST /v2/products limit ${RATE_PER_MINUTE}/min burst ${BURST} (each call counts once, whatever it carries)`,
	);
	const sandbox = await AlepheeSandbox.start();
	sandbox.setEndpointRateLimit('POST /v2/products', { perMinute: RATE_PER_MINUTE, burst: BURST });
	const skus = Array.from({ length: PRODUCTS }, (_, index) => `SKU-${index + 1}`);
	for (const sku of skus) sandbox.addProduct({ accountId: ACCOUNT, sku, prices: { 1: { Price: 1 } } }, 0);

	const rows: string[][] = [];
	let batchedSeconds: number | undefined;
	for (const [index, contender] of contenders.entries()) {
		const apiKey = `bench-products-${contender.key ?? index}`;
		sandbox.addKey(apiKey, [ACCOUNT]);
		sandbox.setObjectCap('POST /v2/products', contender.cap);
		// Values no earlier run set, so "updated" means this run changed the product.
		const items = skus.slice(0, contender.count).map((sku, position) => ({ sku, stock: 1000 * (index + 1) + position, price: index + 2 }));
		process.stdout.write(`  running: ${contender.label} (${contender.count} products) … `);
		const requestsBefore = sandbox.requests.length;
		const measured = await countRequests(sandbox, () => contender.run(sandbox, apiKey, items));
		const tooLarge = sandbox.requests.slice(requestsBefore).filter((request) => request.answeredWith === 413).length;
		process.stdout.write(`${fixed(measured.seconds, 1)} s\n`);
		const updated = items.filter(
			(item) => sandbox.stockOf(ACCOUNT, item.sku) === item.stock && sandbox.product(ACCOUNT, item.sku)?.prices.get(1)?.Price === item.price,
		).length;
		const outputs = measured.result.main.length;
		const paired = measured.result.main.every((item, position) => (item.pairedItem as { item: number } | undefined)?.item === position);
		rows.push([
			contender.label,
			String(contender.count),
			String(updated),
			String(contender.count - updated),
			`${measured.requests}${tooLarge || contender.cap !== undefined ? ` (${tooLarge} answered 413)` : ''}`,
			percentOf(measured.rejected, measured.requests),
			fixed(measured.seconds, 1),
			`${outputs}${paired ? '' : ' (unpaired!)'}`,
		]);
		if (contender === httpBatched) batchedSeconds = measured.seconds;
	}
	if (batchedSeconds !== undefined && HTTP_PRODUCTS < PRODUCTS) {
		// Its first batch goes at once; every later one waits the interval: time grows with (N − batch).
		const perProduct = batchedSeconds / Math.max(1, HTTP_PRODUCTS - BURST);
		const extrapolated = perProduct * (PRODUCTS - BURST);
		rows.push([
			`  ↳ the same, EXTRAPOLATED to ${PRODUCTS} products (not run)`,
			String(PRODUCTS),
			'—',
			'—',
			`${PRODUCTS} (one per product)`,
			'—',
			`≈ ${fixed(extrapolated, 0)} (${fixed(extrapolated / 3600, 1)} h)`,
			'—',
		]);
	}
	printTable(['contender', 'products sent', 'updated', 'lost', 'calls made', '429s received', 'wall s', 'items out'], rows);
	if (batchedSeconds !== undefined && HTTP_PRODUCTS < PRODUCTS) {
		console.log(
			`The batched HTTP Request row ran on ${HTTP_PRODUCTS} products; its ${PRODUCTS}-product time is that run's pace × (${PRODUCTS} − ${BURST}). One call per product cannot go below (N − burst) ÷ rate = ${fixed((PRODUCTS - BURST) / (RATE_PER_MINUTE / 60), 0)} s.`,
		);
	}
	await sandbox.stop();
}
