import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PACKAGE_ROOT } from '../../harness/engine';

const SCRIPT = path.join(PACKAGE_ROOT, 'scripts', 'release-metadata.mjs');
/** Stand-ins for what the publish job gets from GitHub: used on throwaway copies only. */
const STAND_IN_REPOSITORY = 'example-org/n8n-nodes-alephee';
const STAND_IN_EMAIL = 'maintainers@stand-in.test';

/** A copy of the package as the publish job has it: package.json and the built files. */
function packageCopy(changes: Record<string, unknown> = {}): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'alephee-release-'));
	const manifest = { ...JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')), ...changes };
	writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	mkdirSync(path.join(dir, 'dist'));
	cpSync(path.join(PACKAGE_ROOT, 'dist', 'credentials'), path.join(dir, 'dist', 'credentials'), { recursive: true });
	return dir;
}

const releaseMetadata = (dir: string, name: string, email: string | null = STAND_IN_EMAIL) =>
	spawnSync(process.execPath, [SCRIPT, name, 'https://github.com', dir], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH, ...(email === null ? {} : { NPM_AUTHOR_EMAIL: email }) },
	});

/** The package.json inside the tarball `npm pack` makes. */
function packedManifest(dir: string): Record<string, unknown> {
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' })) as Array<{ filename: string }>;
	execFileSync('tar', ['-xzf', path.join(dir, filename), '-C', dir]);
	return JSON.parse(readFileSync(path.join(dir, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
}

describe('release metadata', () => {
	it('package.json invents nothing: no repository, no contact address', () => {
		const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
		expect(manifest.repository).toBeUndefined();
		expect(JSON.stringify(manifest)).not.toMatch(/@example\.|maintainers@/);
		expect(manifest.author).toEqual({ name: expect.any(String) });
	});

	it('the publish job writes the metadata, then verifies with nothing excused, then publishes', () => {
		const workflow = readFileSync(path.join(PACKAGE_ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');
		const steps = ['node scripts/release-metadata.mjs "$GITHUB_REPOSITORY" "$GITHUB_SERVER_URL"', "RELEASE_CHECK: '1'", 'npm publish --provenance'];
		const positions = steps.map((step) => workflow.indexOf(step));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		expect(workflow).toContain('NPM_AUTHOR_EMAIL: ${{ vars.NPM_AUTHOR_EMAIL }}');
	});

	it('the publish step sets the repository it runs in and the given e-mail, and the packed package.json carries them', () => {
		const dir = packageCopy();
		try {
			const result = releaseMetadata(dir, STAND_IN_REPOSITORY);
			expect(result.status).toBe(0);
			const packed = packedManifest(dir);
			expect(packed.repository).toEqual({ type: 'git', url: 'git+https://github.com/example-org/n8n-nodes-alephee.git' });
			expect(packed.author).toEqual({ name: 'n8n-nodes-alephee maintainers', email: STAND_IN_EMAIL });
			expect(packed.name).toBe('n8n-nodes-alephee');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('stops the release when no e-mail was given, saying where to set it', () => {
		const dir = packageCopy();
		try {
			const result = releaseMetadata(dir, STAND_IN_REPOSITORY, null);
			expect(result.status).toBe(1);
			expect(result.stderr).toMatch(/NPM_AUTHOR_EMAIL is not set/);
			expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).repository).toBeUndefined();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('stops the release when package.json names another repository, and says why', () => {
		const dir = packageCopy({ repository: { type: 'git', url: 'git+https://github.com/someone-else/n8n-nodes-alephee.git' } });
		try {
			const result = releaseMetadata(dir, STAND_IN_REPOSITORY);
			expect(result.status).toBe(1);
			expect(result.stderr).toMatch(/names the repository "git\+https:\/\/github\.com\/someone-else\/n8n-nodes-alephee\.git", but this release runs in/);
			expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).repository.url).toContain('someone-else');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('accepts the same repository written another way, and refuses a malformed name', () => {
		const dir = packageCopy({ repository: 'github:Example-Org/n8n-nodes-alephee' });
		try {
			expect(releaseMetadata(dir, STAND_IN_REPOSITORY).status).toBe(0);
			const bad = releaseMetadata(dir, 'not a repository');
			expect(bad.status).toBe(1);
			expect(bad.stderr).toMatch(/expected the repository as owner\/name/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
