import { cleanEnv } from '../../scripts/n8n/exec';

describe('cleanEnv: the environment of the n8n installs and processes', () => {
	const source = {
		PATH: '/usr/bin',
		HOME: '/home/me',
		HTTPS_PROXY: 'http://proxy.internal:3128',
		npm_config_registry: 'https://registry.internal/npm/',
		'npm_config_@acme:registry': 'https://registry.internal/acme/',
		'npm_config_//registry.internal/npm/:_authToken': 'token',
		npm_config_https_proxy: 'http://proxy.internal:3128',
		NPM_CONFIG_PROXY: 'http://proxy.internal:3128',
		npm_config_noproxy: 'localhost,127.0.0.1',
		npm_config_cafile: '/etc/ssl/internal.pem',
		npm_config_strict_ssl: 'true',
		npm_config_cache: '/var/cache/npm',
		npm_config_userconfig: '/home/me/.npmrc',
		npm_config_fetch_retries: '5',
		npm_config_ignore_scripts: 'true',
		npm_config_nodedir: '/opt/node',
		npm_lifecycle_event: 'demo',
		npm_package_name: 'n8n-nodes-alephee',
		NODE_OPTIONS: '--import tsx',
		NODE_ENV: 'test',
		JEST_WORKER_ID: '1',
	};

	it('keeps how npm reaches the registry: registry, scoped registries and tokens, proxies, certificates, cache, user config', () => {
		expect(cleanEnv({}, source)).toEqual({
			PATH: '/usr/bin',
			HOME: '/home/me',
			HTTPS_PROXY: 'http://proxy.internal:3128',
			npm_config_registry: 'https://registry.internal/npm/',
			'npm_config_@acme:registry': 'https://registry.internal/acme/',
			'npm_config_//registry.internal/npm/:_authToken': 'token',
			npm_config_https_proxy: 'http://proxy.internal:3128',
			NPM_CONFIG_PROXY: 'http://proxy.internal:3128',
			npm_config_noproxy: 'localhost,127.0.0.1',
			npm_config_cafile: '/etc/ssl/internal.pem',
			npm_config_strict_ssl: 'true',
			npm_config_cache: '/var/cache/npm',
			npm_config_userconfig: '/home/me/.npmrc',
			npm_config_fetch_retries: '5',
		});
	});

	it('drops this project\'s npm settings (ignore-scripts), npm run\'s own variables, tsx and jest', () => {
		const env = cleanEnv({}, source);
		for (const dropped of ['npm_config_ignore_scripts', 'npm_config_nodedir', 'npm_lifecycle_event', 'npm_package_name', 'NODE_OPTIONS', 'NODE_ENV', 'JEST_WORKER_ID']) {
			expect(env).not.toHaveProperty(dropped);
		}
	});

	it('adds what the caller sets, over what came', () => {
		expect(cleanEnv({ NODE_ENV: 'production', npm_config_cache: '/tmp/cache' }, source)).toMatchObject({
			NODE_ENV: 'production',
			npm_config_cache: '/tmp/cache',
		});
	});
});
