/** The strip CLI, run as a user runs it: one JSON line per file, clear errors, exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/globalnews.ca/trump-putin-alaska/source.html');
const tmp = mkdtempSync(join(tmpdir(), 'strip-'));

function strip(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/strip.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: r.stderr };
}

describe('npm run strip', () => {
  it('prints {file, url, title, text, pageText, removed, ms} for a page', () => {
    const r = strip(fixture);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    const out = r.lines[0];
    expect(Object.keys(out)).toEqual(['file', 'url', 'title', 'text', 'pageText', 'removed', 'ms']);
    expect(out.file).toBe(fixture);
    expect(out.url).toBe('https://globalnews.ca/news/11337490/trump-putin-alaska-summit/');
    expect(out.text).toContain('Putin, talking in Russian');
    expect(out.text).not.toContain('Story continues below advertisement');
    expect(out.pageText).not.toContain('Story continues below advertisement');
    expect(out.pageText).not.toMatch(/<script|\{"@context"/);
    expect(out.removed.length).toBeGreaterThan(5);
    for (const b of out.removed) expect(Object.keys(b)).toEqual(['kind', 'text', 'reason', 'rule']);
    expect(typeof out.ms).toBe('number');
  });

  it('takes the URL from --url, which decides the site rules', () => {
    const r = strip('--url', 'https://example.org/a', fixture);
    expect(r.lines[0].url).toBe('https://example.org/a');
    expect(r.lines[0].removed.some((b: { rule: string }) => b.rule.startsWith('site:'))).toBe(false);
  });

  it('reports missing, empty and non-HTML files on stderr, processes the rest, exits 1', () => {
    const empty = join(tmp, 'empty.html');
    const binary = join(tmp, 'x.bin');
    const text = join(tmp, 'notes.txt');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 255]));
    writeFileSync(text, 'just some words, no markup at all');
    const r = strip(join(tmp, 'missing.html'), empty, fixture, binary, text);
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.stderr).toContain('missing.html: no such file');
    expect(r.stderr).toContain('empty.html: the file is empty');
    expect(r.stderr).toContain('x.bin: not an HTML file');
    expect(r.stderr).toContain('notes.txt: not an HTML file');
  });

  it('uses --rules in place of the built-in rules for that host, and explains a bad rules file', () => {
    const rules = join(tmp, 'rules.json');
    writeFileSync(rules, JSON.stringify({ host: 'globalnews.ca', rules: [{ kind: 'related', selector: '.c-feedback', reason: 'test rule', samples: [] }] }));
    const r = strip('--rules', rules, fixture);
    expect(r.code).toBe(0);
    const siteRules = r.lines[0].removed.filter((b: { rule: string }) => b.rule.startsWith('site:'));
    expect(siteRules.map((b: { rule: string }) => b.rule)).toEqual(['site:globalnews.ca .c-feedback']);

    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"host": "globalnews.ca", "rules": [');
    const b = strip('--rules', bad, fixture);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/--rules .*bad\.json: not valid JSON/);
  });

  it('explains its usage when called wrong', () => {
    expect(strip().code).toBe(2);
    expect(strip('--bogus', fixture).stderr).toContain('unknown option --bogus');
  });
});
