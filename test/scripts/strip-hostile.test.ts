/**
 * The strip CLI with a `--rules` file that would hang the engine: it answers in seconds, says what
 * it refused, and the page is still cleaned by the other rules.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'strip-hostile-'));
/** Long enough for tsx to start on a busy machine; the runs it guards took minutes or never ended. */
const TIMEOUT_MS = 40_000;

function strip(...args: string[]) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/strip.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: TIMEOUT_MS });
  return {
    code: r.status,
    signal: r.signal,
    lines: r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    stderr: r.stderr,
    ms: performance.now() - t0,
  };
}

const para = (i: number) =>
  `<p>Paragraph ${i}: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library. They voted late at night.</p>`;

function page(name: string, extra: string): string {
  const file = join(tmp, name);
  const body = `<article><h1>Council votes on budget</h1>${Array.from({ length: 8 }, (_, i) => para(i + 1)).join('')}</article>${extra}<div class="promo">Buy the new phone today</div>`;
  writeFileSync(file, `<!doctype html><html><head><title>Council</title></head><body>${body}</body></html>`);
  return file;
}

function rulesFile(name: string, rules: object[]): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify({ host: 'example.com', rules: [...rules, { kind: 'ad', selector: '.promo' }] }));
  return file;
}

describe('npm run strip with hostile --rules', () => {
  it(
    'a :has-text() pattern that backtracks for ever: 30 boxes of forty a\'s and a "!"',
    () => {
      const html = page('aaa.html', Array.from({ length: 30 }, () => `<div class="box">${'a'.repeat(40)}!</div>`).join(''));
      const rules = rulesFile('regex.json', [
        { kind: 'ad', selector: 'div.box', hasText: '/^(a+)+$/' }, // matches no box
        { kind: 'related', selector: 'div.box', hasText: '/^(a+)+!$/' }, // matches every box
        { kind: 'ad', selector: 'div.box', hasText: '/(a)\\1/' }, // a backreference: refused
      ]);
      const r = strip('--url', 'https://example.com/news/1', '--rules', rules, html);
      expect(r.signal, 'the run was stopped: it hung').toBeNull();
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('rule 3: "hasText" /(a)\\1/: backreferences (\\1) are not supported');
      const removed = r.lines[0].removed as { kind: string; rule: string }[];
      expect(removed.filter((b) => b.rule === 'site:example.com div.box:has-text(/^(a+)+!$/)')).toHaveLength(30);
      expect(removed.filter((b) => b.rule.includes('/^(a+)+$/'))).toHaveLength(0);
      expect(removed.some((b) => b.rule === 'site:example.com .promo')).toBe(true);
      expect(r.lines[0].text).toContain('Paragraph 8');
    },
    2 * TIMEOUT_MS,
  );

  it(
    'an expensive :has() rule on a page of 3,000 rows',
    () => {
      const rows = Array.from({ length: 3000 }, (_, i) => `<div class="row"><div><div><div><span>Row ${i}</span></div></div></div></div>`).join('');
      const html = page('rows.html', `<div class="rows">${rows}</div>`);
      const rules = rulesFile('has.json', [{ kind: 'ad', selector: 'div:has(~ div div div):has(~ div div div div)' }]);
      const r = strip('--url', 'https://example.com/news/1', '--rules', rules, html);
      expect(r.signal, 'the run was stopped: it hung').toBeNull();
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('rule 1: selector "div:has(~ div div div):has(~ div div div div)": a :has() with a sibling combinator (~ or +) inside');
      const removed = r.lines[0].removed as { rule: string }[];
      expect(removed.map((b) => b.rule)).toContain('site:example.com .promo');
      expect(removed.some((b) => b.rule.includes(':has('))).toBe(false);
      expect(r.lines[0].ms).toBeLessThan(10_000);
      expect(r.lines[0].text).toContain('Paragraph 8');
    },
    2 * TIMEOUT_MS,
  );
});
