import { existsSync } from 'node:fs';
import path from 'node:path';

import { loadPackage, PACKAGE_ROOT, testCredential } from '../../harness/engine';
import { AlepheeSandbox } from '../../sandbox/alepheeSandbox';

const API_KEY = 'credential-test-key-81d';

let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(API_KEY, [11, 12]);
});

afterEach(async () => {
	await sandbox.stop();
});

describe('Alephee API credential', () => {
	it('is loaded by n8n with a password-typed key, a Base URL defaulting to production, and icons', async () => {
		const { credentialTypes } = await loadPackage();
		const credential = credentialTypes.alepheeApi.type;
		const apiKey = credential.properties.find((property) => property.name === 'apiKey');
		const baseUrl = credential.properties.find((property) => property.name === 'baseUrl');

		expect(apiKey).toMatchObject({ type: 'string', required: true, typeOptions: { password: true } });
		expect(baseUrl?.default).toBe('https://api.alephcrm.com/v2');
		// n8n turns `file:` icons into URLs of files that must exist in dist/.
		expect(credential.iconUrl).toEqual({
			light: 'icons/n8n-nodes-alephee/dist/credentials/alephee.svg',
			dark: 'icons/n8n-nodes-alephee/dist/credentials/alephee.dark.svg',
		});
		for (const file of ['alephee.svg', 'alephee.dark.svg']) {
			expect(existsSync(path.join(PACKAGE_ROOT, 'dist/credentials', file))).toBe(true);
		}
	});

	it('test passes with a good key, using one harmless GET /accounts with the key as API_KEY', async () => {
		const result = await testCredential({ apiKey: API_KEY, baseUrl: sandbox.baseUrl });

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/v2/accounts', query: { API_KEY } });
	});

	it('test fails with a bad key and says what to check, without echoing the key', async () => {
		const result = await testCredential({ apiKey: 'wrong-key', baseUrl: sandbox.baseUrl });

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Alephee did not accept this API key/);
		expect(result.message).not.toContain('wrong-key');
	});

	it('tolerates a trailing slash on the Base URL', async () => {
		const result = await testCredential({ apiKey: API_KEY, baseUrl: `${sandbox.baseUrl}/` });

		expect(result.status).toBe('OK');
		expect(sandbox.requests[0].path).toBe('/v2/accounts');
	});
});
