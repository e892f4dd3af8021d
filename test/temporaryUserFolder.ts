/**
 * Runs before every test file (jest `setupFiles`), before n8n-core is loaded: n8n-core keeps its
 * settings in `<N8N_USER_FOLDER>/.n8n` (else the home folder), and tests must never touch a
 * user's real n8n folder. Each test process gets a throwaway one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

if (!process.env.N8N_USER_FOLDER?.startsWith(os.tmpdir())) {
	const folder = mkdtempSync(path.join(os.tmpdir(), 'alephee-tests-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}
