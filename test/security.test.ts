import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/engine';

/** Everything npm would ship of the node and credential code. */
function shippedCode(): Array<{ file: string; code: string }> {
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
			entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
		);
	return walk(path.join(PACKAGE_ROOT, 'dist'))
		.filter((file) => file.endsWith('.js'))
		.map((file) => ({ file: path.relative(PACKAGE_ROOT, file), code: readFileSync(file, 'utf8') }));
}

describe('what the package ships', () => {
	const files = shippedCode();

	it('is the compiled node and credential', () => {
		expect(files.map(({ file }) => file)).toEqual(
			expect.arrayContaining(['dist/credentials/AlepheeApi.credentials.js', 'dist/nodes/Alephee/Alephee.node.js']),
		);
	});

	it.each([
		['the environment or the process', /\bprocess\./],
		['the file system', /require\("(node:)?fs(\/promises)?"\)/],
		['child processes', /child_process/],
		['dynamic code', /\beval\(|new Function\(/],
		['timers outside n8n (setTimeout/setInterval)', /\bset(Timeout|Interval)\(/],
		// luxon is n8n's own date library, on the verified-node allow list.
		['modules other than n8n-workflow, luxon and crypto', /require\("(?!n8n-workflow"|luxon"|crypto"|\.{1,2}\/)[^"]+"\)/],
	])('never touches %s', (_what, pattern) => {
		for (const { file, code } of files) expect({ file, match: code.match(pattern)?.[0] }).toEqual({ file, match: undefined });
	});

	it('keeps the API key field a password field (never shown in the editor)', () => {
		const credential = files.find(({ file }) => file.endsWith('AlepheeApi.credentials.js'))!.code;
		expect(credential).toMatch(/name: 'apiKey',[\s\S]*?typeOptions: \{ password: true \}/);
	});
});
