/** ablate's command line: a whole run takes long and rewrites docs/ablation.md, so anything it does not know stops it first. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/ablate.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('ablate', () => {
  it('prints its usage for --help, and stops at an unknown argument or a flag without its value, before any work', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/^usage: npm run -s ablate -- /);
    const bogus = run('--bogus');
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain('ablate: unknown argument "--bogus"');
    expect(run('--jobs').status).toBe(2);
    expect(`${help.stderr}${bogus.stderr}`).not.toContain('[ablate ');
  });
});
