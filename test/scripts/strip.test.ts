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
  return {
    code: r.status,
    lines: r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    stderr: r.stderr,
  };
}

describe('npm run strip', () => {
  it('prints {file, url, title, isArticle, recognized, text, leftOut, pageText, removed, ms} for a page', () => {
    const r = strip(fixture);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    const out = r.lines[0];
    expect(Object.keys(out)).toEqual(['file', 'url', 'title', 'isArticle', 'recognized', 'text', 'leftOut', 'pageText', 'removed', 'ms']);
    expect(out.isArticle).toBe(true);
    expect(out.recognized).toBe('a site rule for the host');
    expect(out.file).toBe(fixture);
    expect(out.url).toBe('https://globalnews.ca/news/11337490/trump-putin-alaska-summit/');
    expect(out.text).toContain('Putin, talking in Russian');
    expect(out.text).not.toContain('Story continues below advertisement');
    expect(out.pageText).not.toContain('Story continues below advertisement');
    expect(out.pageText).not.toMatch(/<script|\{"@context"/);
    expect(out.removed.length).toBeGreaterThan(5);
    for (const b of out.removed) expect(Object.keys(b)).toEqual(['kind', 'text', 'reason', 'rule']);
    expect(typeof out.ms).toBe('number');
    // The photo's caption is on the page, but not in the text: the filter that left it out is named.
    expect(out.leftOut).toContainEqual({ filter: 'figure', text: expect.stringContaining('President Donald Trump greets') });
    for (const l of out.leftOut) expect(out.text).not.toContain(l.text);
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

  it('hides nothing on a page that is not an article, as the extension does; --force cleans it anyway', () => {
    const front = join(root, 'test/recognition/section-front.html');
    const served = strip('--url', 'https://news.example.com/news/local', front).lines[0];
    expect(served.isArticle).toBe(false);
    expect(served.recognized).toMatch(/listing/);
    expect(served.removed).toEqual([]);
    expect(served.pageText).toContain('Get the morning briefing'); // the sign-up box stays on the page

    const forced = strip('--url', 'https://news.example.com/news/local', '--force', front).lines[0];
    expect(forced.isArticle).toBe(false);
    expect(forced.removed.map((b: { kind: string }) => b.kind)).toContain('newsletter');
    expect(forced.pageText).not.toContain('Get the morning briefing');
  });

  it('cleans an article page without --force', () => {
    const article = join(root, 'test/recognition/declared-short.html');
    const out = strip('--url', 'https://news.example.com/2026/06/road-closure', article).lines[0];
    expect(out.isArticle).toBe(true);
    expect(out.text).toContain('Detours will be posted');
  });

  it('explains its usage when called wrong', () => {
    expect(strip().code).toBe(2);
    expect(strip('--bogus', fixture).stderr).toContain('unknown option --bogus');
  });
});
