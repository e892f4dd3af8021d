/**
 * `npm run screenshots`: pictures of the node in n8n's real editor, for the docs, taken with
 * Debian's Chromium (apt-get install chromium) driven by playwright-core. Signs in to a fresh
 * n8n, opens a workflow, searches "Alephee" in the node panel, adds the node and opens the
 * credential form, then runs the demo's order day against the sandbox. Each step checks that
 * what should be on screen is there. Writes docs/images/*.png.
 *
 * The browser may only talk to 127.0.0.1: every other request is refused and counted.
 * CHROMIUM_PATH overrides /usr/bin/chromium. The selectors follow n8n 2.x's editor.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { LOCAL_OWNER } from './n8n/api';
import { repoRoot } from './n8n/config';
import { runScript } from './n8n/exec';
import { info } from './n8n/log';
import {
	createSandboxCredential,
	DEMO_ACCOUNT_ID,
	DEMO_NEW_ORDERS,
	newApiKey,
	ORDER_DAY_NODES,
	orderDayWorkflow,
	startDemoSandbox,
} from './n8n/sandboxSetup';
import { startN8nWithPackage, type N8nStack } from './n8n/stack';
import { manualTrigger, workflow } from './n8n/workflows';

const IMAGES = path.join(repoRoot, 'docs', 'images');
const FAILURE_SHOT = path.join(repoRoot, 'e2e', '.artifacts', 'screenshot-failure.png');
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const TIMEOUT_MS = 30 * 60_000;

async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(LOCAL_OWNER.email);
	await page.locator('input[type="password"]').first().fill(LOCAL_OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function openWorkflow(page: Page, baseUrl: string, id: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30_000 });
	await page.waitForTimeout(1000); // canvas fit-to-view animation
}

async function expectVisible(page: Page, selector: string, what: string): Promise<void> {
	try {
		await page.locator(selector).first().waitFor({ state: 'visible', timeout: 15_000 });
	} catch {
		throw new Error(`Not on screen: ${what} (${selector})`);
	}
}

async function shoot(page: Page, name: string): Promise<void> {
	const file = path.join(IMAGES, `${name}.png`);
	await page.screenshot({ path: file });
	info(`Saved ${path.relative(repoRoot, file)}`);
}

async function nodePanelAndCredentialForm(page: Page, stack: N8nStack): Promise<void> {
	const { id } = await stack.api.createWorkflow(workflow('Delete Alephee orders', [manualTrigger()]));
	await openWorkflow(page, stack.instance.baseUrl, id);

	// The node panel, searched for "Alephee".
	await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
	await expectVisible(page, '[data-test-id="node-creator"]', 'the node panel');
	await page.keyboard.type('Alephee');
	// n8n groups a package's node and its trigger into one entry, opened to list their actions.
	const result = page.locator('[data-test-id="node-creator"]').getByText('Alephee', { exact: true }).first();
	await result.waitFor({ timeout: 15_000 });
	await page.waitForTimeout(500);
	await shoot(page, 'node-panel-search');

	// Its action, then the node's parameters.
	await result.click();
	await page.getByText('Delete an order').first().click();
	await expectVisible(page, '[data-test-id="ndv"]', 'the node details view');
	for (const parameter of ['resource', 'operation', 'accountId', 'orderId', 'revertStock']) {
		await expectVisible(page, `[data-test-id="parameter-input-${parameter}"]`, `the ${parameter} parameter`);
	}
	await expectVisible(page, '[data-test-id="node-credentials-slot"]', 'the credential slot');
	await page.getByText('Only orders created through the Alephee API can be deleted').first().waitFor({ timeout: 5_000 });
	// The account is a picker (From List / By ID); its list loads once a credential is chosen.
	await page.locator('[data-test-id="parameter-input-orderId"] input').first().fill('50101');
	await page.locator('[data-test-id="parameter-input-revertStock"]').first().click();
	await page.locator('[data-test-id="node-parameters"]').first().click({ position: { x: 5, y: 5 } });
	await page.waitForTimeout(500);
	await shoot(page, 'node-parameters');

	// The credential form, as a new credential.
	await page.locator('[data-test-id="node-credentials-empty-state"], [data-test-id="node-credentials-select"]').first().click();
	const createNew = page.locator('[data-test-id="node-credentials-select-item-new"]');
	if (await createNew.isVisible().catch(() => false)) await createNew.click();
	await expectVisible(page, '[data-test-id="editCredential-modal"]', 'the credential form');
	for (const [field, label] of [
		['apiKey', 'API Key'],
		['baseUrl', 'Base URL'],
	]) {
		await expectVisible(page, `[data-test-id="parameter-input-${field}"] input`, `the ${label} field`);
		const shown = (await page.locator(`[data-test-id="${field}"] label`).first().innerText()).trim();
		if (!shown.startsWith(label)) throw new Error(`The ${field} field is labelled "${shown}", not "${label}"`);
	}
	const keyType = await page.locator('[data-test-id="parameter-input-apiKey"] input').first().getAttribute('type');
	if (keyType !== 'password') throw new Error(`The API Key field is not a password field (type=${keyType})`);
	const baseUrl = await page.locator('[data-test-id="parameter-input-baseUrl"] input').first().inputValue();
	if (baseUrl !== 'https://api.alephcrm.com/v2') throw new Error(`Unexpected Base URL default: ${baseUrl}`);
	await page.waitForTimeout(500);
	await shoot(page, 'credential-form');
}

async function demoRun(page: Page, stack: N8nStack): Promise<void> {
	const apiKey = newApiKey();
	const sandbox = await startDemoSandbox(apiKey, { seedOrders: false });
	try {
		const credential = await createSandboxCredential(stack.api, sandbox, apiKey);
		const { id } = await stack.api.createWorkflow(orderDayWorkflow(credential, DEMO_ACCOUNT_ID, DEMO_NEW_ORDERS, 'Alephee sandbox: the order day'));
		await openWorkflow(page, stack.instance.baseUrl, id);
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		// Wait for the sandbox to have answered the last node's reads (one per created order).
		const deadline = Date.now() + 60_000;
		while (sandbox.deleteRequests().filter((request) => request.answeredWith).length < DEMO_NEW_ORDERS.length && Date.now() < deadline) {
			await page.waitForTimeout(250);
		}
		await page.waitForTimeout(3000);
		await shoot(page, 'order-day-workflow');
		await page.locator('[data-test-id="canvas-node"]').filter({ hasText: ORDER_DAY_NODES.create }).first().dblclick();
		await expectVisible(page, '[data-test-id="ndv"]', 'the node details view');
		await expectVisible(page, '[data-test-id="output-panel"]', 'the output panel');
		const table = page.locator('[data-test-id="output-panel"] [data-test-id="radio-button-table"]');
		if (await table.isVisible().catch(() => false)) await table.click();
		await page.locator('[data-test-id="output-panel"]').getByText('stockMoved', { exact: false }).first().waitFor({ timeout: 15_000 });
		await page.waitForTimeout(500);
		await shoot(page, 'workflow-run');
	} finally {
		await sandbox.stop();
	}
}

async function main(): Promise<void> {
	mkdirSync(IMAGES, { recursive: true });
	const stack = await startN8nWithPackage({ logLevel: 'info' });
	let browser: Browser | undefined;
	let page: Page | undefined;
	const refused: string[] = [];
	try {
		browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
		await context.route('**/*', async (route) => {
			const url = new URL(route.request().url());
			if (!url.protocol.startsWith('http') || url.hostname === '127.0.0.1') return await route.continue();
			refused.push(url.origin);
			return await route.abort('blockedbyclient');
		});
		page = await context.newPage();
		page.setDefaultTimeout(30_000);
		await signIn(page, stack.instance.baseUrl);
		await nodePanelAndCredentialForm(page, stack);
		await demoRun(page, stack);
		info(`Screenshots of n8n ${stack.install.version} saved in ${path.relative(repoRoot, IMAGES)}/`);
		if (refused.length) info(`The browser tried to reach (refused): ${[...new Set(refused)].join(', ')}`);
	} catch (error) {
		if (page) {
			mkdirSync(path.dirname(FAILURE_SHOT), { recursive: true });
			await page.screenshot({ path: FAILURE_SHOT }).catch(() => undefined);
			info(`What the browser showed: ${path.relative(repoRoot, FAILURE_SHOT)}`);
		}
		throw error;
	} finally {
		await browser?.close();
		await stack.stop();
	}
}

runScript('screenshots', main, TIMEOUT_MS);
