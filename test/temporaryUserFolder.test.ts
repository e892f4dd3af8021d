import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';

import { runAlephee } from '../harness/engine';
import { AlepheeSandbox } from '../sandbox/alepheeSandbox';

const userConfig = path.join(os.homedir(), '.n8n', 'config');
const stamp = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 'absent');

describe('the tests and n8n\'s user folder', () => {
	it('n8n-core keeps its settings in a temporary folder, never in the user\'s ~/.n8n', async () => {
		const before = stamp(userConfig);
		const sandbox = await AlepheeSandbox.start();
		try {
			sandbox.addKey('user-folder-key', [1]);
			sandbox.addOrder({ accountId: 1, orderId: 1, createdThrough: 'api', lines: [] });
			const result = await runAlephee({
				credentials: { apiKey: 'user-folder-key', baseUrl: sandbox.baseUrl },
				parameters: { accountId: '1', orderId: '1' },
			});
			expect(result.main[0].json.deleted).toBe(true);
		} finally {
			await sandbox.stop();
		}

		const settings = Container.get(InstanceSettings);
		expect(settings.n8nFolder.startsWith(os.tmpdir())).toBe(true);
		expect(existsSync(path.join(settings.n8nFolder, 'config'))).toBe(true);
		expect(stamp(userConfig)).toBe(before);
	});
});
