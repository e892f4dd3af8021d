/**
 * The whole setup the demo, the dev server, the screenshots and the end-to-end tests share:
 * n8n installed (cached), this package built, packed and installed into a fresh n8n,
 * n8n started and its owner signed in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { N8nApi } from './api';
import { buildPackage, packPackage, type PackedPackage } from './communityPackage';
import { ensureN8n, type N8nInstall } from './install';
import { N8nInstance, type StartOptions } from './instance';

export interface N8nStack {
	install: N8nInstall;
	packed: PackedPackage;
	instance: N8nInstance;
	api: N8nApi;
	stop(): Promise<void>;
}

export interface StackOptions extends Omit<StartOptions, 'install' | 'packed'> {
	/** n8n version or alias (see config.ts); N8N_VERSION when left out. */
	n8nVersion?: string;
	/** Run `npm run build` first (default: yes, unless ALEPHEE_SKIP_BUILD=1, e.g. in CI after a build). */
	build?: boolean;
}

export async function startN8nWithPackage(options: StackOptions = {}): Promise<N8nStack> {
	const install = await ensureN8n(options.n8nVersion);
	if (options.build ?? process.env.ALEPHEE_SKIP_BUILD !== '1') await buildPackage();
	const packDir = mkdtempSync(path.join(os.tmpdir(), 'alephee-pack-'));
	const removePackDir = () => rmSync(packDir, { recursive: true, force: true });
	process.once('exit', removePackDir);
	const packed = await packPackage(packDir);
	let instance: N8nInstance | undefined;
	try {
		instance = await N8nInstance.start({ ...options, install, packed });
		const api = new N8nApi(instance.baseUrl, install);
		await api.setupOwner();
		const started = instance;
		return {
			install,
			packed,
			instance: started,
			api,
			stop: async () => {
				await started.stop();
				removePackDir();
			},
		};
	} catch (error) {
		await instance?.stop();
		removePackDir();
		throw error;
	}
}
