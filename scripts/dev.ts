/**
 * `npm run dev`: a real n8n with this package, its editor on http://127.0.0.1:5678, and the
 * Alephee sandbox beside it. The Alephee credential (pointing at the sandbox) and a demo
 * workflow are already there: sign in with the printed local owner account and press
 * "Execute workflow". The sandbox's API key is never shown; it lives only in the credential.
 *
 * Stops on Ctrl+C, or by itself after ALEPHEE_DEV_MAX_MINUTES (default 480).
 * Options: N8N_VERSION (n8n release), ALEPHEE_DEV_PORT (editor port, default 5678).
 * Each start is a fresh n8n: nothing is kept between runs.
 */
import { LOCAL_OWNER } from './n8n/api';
import { info } from './n8n/log';
import { describeRequest } from './n8n/report';
import { createSandboxCredential, DEMO_ACCOUNT_ID, DEMO_ORDERS, demoWorkflow, newApiKey, startDemoSandbox } from './n8n/sandboxSetup';
import { startN8nWithPackage, type N8nStack } from './n8n/stack';

const port = Number(process.env.ALEPHEE_DEV_PORT ?? 5678);
const maxMinutes = Number(process.env.ALEPHEE_DEV_MAX_MINUTES ?? 480);

async function main(): Promise<void> {
	const apiKey = newApiKey();
	const sandbox = await startDemoSandbox(apiKey);
	let stack: N8nStack | undefined;
	let stopping = false;
	const stop = async (reason: string) => {
		if (stopping) return;
		stopping = true;
		info(`${reason}: stopping n8n and the sandbox`);
		await stack?.stop();
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('Ctrl+C'));
	process.on('SIGTERM', () => void stop('SIGTERM'));

	try {
		stack = await startN8nWithPackage({ port, logLevel: 'info', logFile: process.env.ALEPHEE_DEV_LOG });
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
	const credential = await createSandboxCredential(stack.api, sandbox, apiKey);
	const saved = await stack.api.createWorkflow(demoWorkflow(credential));
	const editor = stack.instance.baseUrl;

	let printed = 0;
	const requestLog = setInterval(() => {
		for (const request of sandbox.requests.slice(printed)) info(`sandbox: ${describeRequest(request)}`);
		printed = sandbox.requests.length;
	}, 1000);
	requestLog.unref();

	process.stdout.write(
		[
			'',
			`n8n ${stack.install.version} with n8n-nodes-alephee ${stack.packed.version} is running.`,
			'',
			`  Editor:        ${editor}`,
			`  Sign in:       ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}   (a local, throwaway owner account)`,
			`  Demo workflow: ${editor}/workflow/${saved.id}`,
			`  Credential:    "${credential.name}" (Alephee API), already pointing at the sandbox`,
			'',
			`  Alephee sandbox: ${sandbox.baseUrl}, account ${DEMO_ACCOUNT_ID}, orders ${DEMO_ORDERS.map((order) => `${order.orderId}${order.createdThrough === 'marketplace' ? ' (Mercado Libre, cannot be deleted)' : ''}`).join(', ')}`,
			'  Requests the sandbox receives are printed below (API key hidden).',
			'',
			`Ctrl+C stops everything (it stops by itself after ${maxMinutes} min). The n8n user folder is ${stack.instance.userFolder}`,
			'',
		].join('\n'),
	);

	setTimeout(() => void stop(`${maxMinutes} minutes are up`), maxMinutes * 60_000);
}

main().catch((error: unknown) => {
	process.stderr.write(`dev failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	process.exit(1);
});
