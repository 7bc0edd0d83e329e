/**
 * Golden pages: each fixture under test/fixtures/<host>/<slug>/ is a page in its site's real
 * markup with expected.json saying what must be hidden (and as which kind), what must stay, and
 * which texts (captions, credits, headline) a reader must see exactly once.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, blockText, hideBlocks, restoreAll } from '../lib/engine/index';
import { collapse, HIDDEN_ATTR } from '../lib/engine/page/dom';
import { sites } from '../lib/rules/index';
import { docFromFile, isHidden } from './helpers/dom';

interface Expected {
  url: string;
  paragraphs: string[];
  hidden: { kind: string; selector: string; note?: string }[];
  once: string[];
  kept: string[];
  /** The article's furniture (byline, date line, lead image, captions): never hidden. */
  furniture: { byline: string; date: string; lead: string; captions: string[] };
}

const root = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(root).flatMap((host) =>
  readdirSync(join(root, host))
    .filter((slug) => existsSync(join(root, host, slug, 'source.html')))
    .map((slug) => ({ host, slug, dir: join(root, host, slug) })),
);

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

describe.each(fixtures)('$host/$slug', ({ dir }) => {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  const doc = docFromFile(join(dir, 'source.html'));
  const original = doc.documentElement.outerHTML;
  const { report, elements, article } = analyze(doc, { sites });
  const articleMarkupText = collapse(article?.textContent ?? '');
  hideBlocks(doc, elements);
  const pageText = collapse(blockText(doc.body, { visibleOnly: true }));
  const articleText = collapse(report.text);

  it('finds the page URL from the canonical link', () => {
    expect(report.url).toBe(expected.url);
    expect(report.errors).toEqual([]);
  });

  it('keeps every article paragraph visible and in the article text', () => {
    const lost = expected.paragraphs.map(collapse).filter((p) => !pageText.includes(p));
    expect(lost).toEqual([]);
    const missing = expected.paragraphs.map(collapse).filter((p) => !articleText.includes(p));
    expect(missing).toEqual([]);
  });

  it.each(expected.hidden.map((h) => [h.note ?? h.selector, h] as const))('hides %s', (_note, h) => {
    const els = Array.from(doc.querySelectorAll(h.selector));
    expect(els.length).toBeGreaterThan(0);
    for (const el of els) {
      expect(isHidden(el), `${h.selector} is hidden`).toBe(true);
      const block = el.closest(`[${HIDDEN_ATTR}]`)!;
      const b = report.blocks.find((x) => x.id === block.getAttribute(HIDDEN_ATTR));
      expect(b?.kind, `${h.selector} hidden as ${h.kind}`).toBe(h.kind);
    }
  });

  it('shows each caption, credit and the headline exactly once', () => {
    const counts = Object.fromEntries(expected.once.map((t) => [t, count(pageText, collapse(t))]));
    expect(counts).toEqual(Object.fromEntries(expected.once.map((t) => [t, 1])));
  });

  it('keeps the traps visible', () => {
    for (const sel of expected.kept) {
      const els = Array.from(doc.querySelectorAll(sel));
      expect(els.length, sel).toBeGreaterThan(0);
      for (const el of els) expect(isHidden(el), `${sel} stays visible`).toBe(false);
    }
  });

  it('keeps the byline, the date line, the lead image and every caption', () => {
    const { byline, date, lead, captions } = expected.furniture;
    for (const sel of [byline, date, lead, ...captions]) {
      const els = Array.from(doc.querySelectorAll(sel));
      expect(els.length, sel).toBeGreaterThan(0);
      expect(
        els.some((el) => !isHidden(el)),
        `${sel} stays visible`,
      ).toBe(true);
    }
  });

  it('leaves none of the removed blocks in the article text (a duplicate keeps its first copy)', () => {
    for (const b of report.blocks) {
      const t = collapse(b.text);
      if (t.length < 40) continue;
      expect(count(articleText, t), `${b.kind}: ${t.slice(0, 60)}`).toBeLessThanOrEqual(b.kind === 'duplicate' ? 1 : 0);
    }
  });

  it('leaves the hidden blocks out of the article markup too (a reader view shows it)', () => {
    for (const b of report.blocks) {
      const t = collapse(b.text);
      if (t.length < 20) continue;
      // no more copies than a reader sees on the cleaned page (none, or a duplicate's first copy)
      expect(count(articleMarkupText, t), `${b.kind}: ${t.slice(0, 60)}`).toBeLessThanOrEqual(count(pageText, t));
    }
    for (const p of expected.paragraphs) expect(articleMarkupText).toContain(collapse(p));
  });

  it('restores the page exactly', () => {
    restoreAll(doc);
    expect(doc.documentElement.outerHTML).toBe(original);
  });
});
