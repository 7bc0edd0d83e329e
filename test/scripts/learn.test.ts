/** The learn CLI, run as a user runs it: a rule file on stdout that strip can use, clear errors, exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSiteRules } from '../../lib/rules/parse';
import { syntheticSite } from '../helpers/site';
import { LOCAL_HOST, localSite } from '../helpers/local-site';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'learn-'));
const HOST = 'news.example.org';

function cli(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const learn = (...args: string[]) => cli('learn.ts', ...args);

// Four pages of one site: three to learn from, one unseen.
const site = join(tmp, 'site');
mkdirSync(site);
const pages = syntheticSite({ host: HOST, pages: 4, seed: 11, wrapParagraphs: [2] }).map((p) => {
  const file = join(site, p.name);
  writeFileSync(file, p.html);
  return { ...p, file };
});
const [a, b, c, unseen] = pages;

describe('npm run learn', () => {
  it('prints a rule file with evidence, the rejected selectors, and a summary on stderr', () => {
    const r = learn('--host', HOST, '--base', tmp, a.file, b.file, c.file);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['host', 'source', 'rules', 'rejected']);
    expect(out.host).toBe(HOST);
    expect(out.source).toBe(`npm run -s learn -- --host ${HOST} --base ${tmp} ${a.file} ${b.file} ${c.file}`);
    expect(out.rules.length).toBe(4);
    for (const rule of out.rules) {
      expect(Object.keys(rule)).toEqual(['kind', 'selector', 'reason', 'samples', 'confidence', 'evidence', 'foundBy']);
      // Samples are named by their path under --base.
      for (const s of rule.samples) expect(['site/story-1.html', 'site/story-2.html', 'site/story-3.html']).toContain(s);
    }
    expect(out.rejected).toEqual([{ selector: '.c-box', kind: 'newsletter', why: expect.stringMatching(/article paragraph/), sample: 'site/story-3.html' }]);
    expect(parseSiteRules(out).problems).toEqual([]);
    expect(r.stderr).toMatch(new RegExp(`^${HOST}: 4 rules from 3 pages`));
    expect(r.stderr).toContain('rejected 1:');
    expect(r.stderr).toMatch(/\.c-box: it matches an element holding \d+ article paragraphs on site\/story-3\.html/);
  });

  it("learns a site's template no detector sees, and strip hides it on an unseen page with the article whole", () => {
    const dir = join(tmp, 'local');
    mkdirSync(dir);
    const files = localSite(4).map((p) => {
      const file = join(dir, p.name);
      writeFileSync(file, p.html);
      return { ...p, file };
    });
    const r = learn('--host', LOCAL_HOST, ...files.slice(0, 3).map((f) => f.file));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rules.map((x: { kind: string }) => x.kind)).toEqual(['promo', 'promo']);
    expect(out.rules.find((x: { hasText?: string }) => x.hasText)?.foundBy).toMatch(/^repeated on 3 pages: /);
    expect(r.stderr).toMatch(/promo {6}\.story-body p:has-text\(The Valley Courier has published/);
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, r.stdout);
    const line = JSON.parse(cli('strip.ts', '--rules', rules, files[3].file).stdout);
    expect(line.removed.filter((x: { kind: string }) => x.kind === 'promo')).toHaveLength(2);
    for (const p of files[3].paragraphs) expect(line.text).toContain(p);
  });

  it('writes rules strip uses on an unseen page of the site', () => {
    const rules = join(tmp, 'rules.json');
    writeFileSync(rules, learn('--host', HOST, a.file, b.file, c.file).stdout);
    const r = cli('strip.ts', '--rules', rules, unseen.file);
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout);
    const bySite = line.removed.filter((x: { rule: string }) => x.rule.startsWith(`site:${HOST} `));
    expect(bySite.map((x: { kind: string }) => x.kind).sort()).toEqual(['ad', 'ad', 'newsletter', 'related', 'share']);
    for (const p of unseen.paragraphs) expect(line.text).toContain(p);
  });

  it('explains its usage: no host, fewer than two pages, an unknown option, a bad share', () => {
    const noHost = learn(a.file, b.file);
    expect(noHost.code).toBe(2);
    expect(noHost.stderr).toContain('--host is required');
    const one = learn('--host', HOST, a.file);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('learning needs two or more pages');
    expect(learn('--host', HOST, '--bogus', a.file, b.file).stderr).toContain('unknown option --bogus');
    const share = learn('--host', HOST, '--min-share', '2', a.file, b.file);
    expect(share.code).toBe(2);
    expect(share.stderr).toContain('--min-share must be a number in (0, 1]');
    expect(learn('--help').code).toBe(0);
  });

  it('names each unreadable file and exits 1', () => {
    const empty = join(tmp, 'empty.html');
    const text = join(tmp, 'notes.txt');
    writeFileSync(empty, '');
    writeFileSync(text, 'just some words, no markup at all');
    const r = learn('--host', HOST, a.file, join(tmp, 'missing.html'), empty, text);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing.html: no such file');
    expect(r.stderr).toContain('empty.html: the file is empty');
    expect(r.stderr).toContain('notes.txt: not an HTML file');
  });

  it('refuses a page of another host, naming it, and warns about a page that declares none', () => {
    const other = join(tmp, 'other.html');
    writeFileSync(other, syntheticSite({ host: 'elsewhere.example.net', pages: 1, seed: 3 })[0].html);
    const r = learn('--host', HOST, a.file, other);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/other\.html: a page of www\.elsewhere\.example\.net .*not of news\.example\.org/);

    const bare = join(tmp, 'bare.html');
    writeFileSync(bare, syntheticSite({ host: HOST, pages: 1, seed: 4, noUrl: [0] })[0].html);
    const w = learn('--host', HOST, a.file, b.file, bare);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/warning: .*bare\.html: the page declares no address/);
  });
});
