/**
 * `npx tsx scripts/n8n/cli.ts <command>`
 *   install [version]  install Node.js 24 and n8n into the cache (N8N_VERSION or the argument)
 *   where              print the cache folder and what it holds
 *   versions           print the n8n versions the aliases stand for
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { cacheDir, DEFAULT_N8N_2X, LAST_N8N_1X, resolveN8nVersion } from './config';
import { ensureN8n } from './install';

async function main(): Promise<void> {
	const [command = 'where', argument] = process.argv.slice(2);
	if (command === 'install') {
		const install = await ensureN8n(argument ?? resolveN8nVersion());
		process.stdout.write(`${JSON.stringify({ n8n: install.version, node: install.node.version, dir: install.dir }, null, 2)}\n`);
	} else if (command === 'where') {
		const dir = cacheDir();
		process.stdout.write(`cache folder: ${dir} (ALEPHEE_N8N_CACHE overrides it)\n`);
		if (existsSync(dir)) {
			for (const entry of readdirSync(dir)) {
				const marker = path.join(dir, entry, '.ready.json');
				process.stdout.write(`  ${entry}${existsSync(marker) ? `  ${readFileSync(marker, 'utf8').replace(/\s+/g, ' ')}` : '  (incomplete)'}\n`);
			}
		}
	} else if (command === 'versions') {
		process.stdout.write(`2.x (default, latest, 2): ${DEFAULT_N8N_2X}\n1.x (1): ${LAST_N8N_1X}\n`);
	} else {
		throw new Error(`Unknown command "${command}" (install, where, versions)`);
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	},
);
