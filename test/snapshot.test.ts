/** The engine away from the page: the snapshot, paths and signatures, and the check before hiding. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/analyze';
import { atPath, fromRemote, pathOf, signature, snapshot, toRemote } from '../lib/extension/content/snapshot';
import { analyzeSnapshot } from '../lib/extension/background/snapshot-analyzer';
import { sites } from '../lib/rules/sites/index';
import { articlePage, docFrom } from './helpers/dom';

const PROMO = '<div class="promo"><p>Sign up for our weekly newsletter</p><form><input type="email"><button>Sign up</button></form></div>';
const fixtures = join(import.meta.dirname, 'fixtures');

/** The round trip the content script and the background make, through JSON as messages go. */
function roundTrip(doc: Document, url: string) {
  const answer = JSON.parse(JSON.stringify(analyzeSnapshot({ html: snapshot(doc), url, sites: [...sites], keep: [] })));
  return { answer, back: fromRemote(doc, answer) };
}

describe('snapshot', () => {
  it('sends head and body only, scripts and styles empty, JSON-LD whole', () => {
    const doc = docFrom(
      '<!doctype html><html lang="en" data-x="a&quot;b"><head><title>T</title><style>p{color:red}</style>' +
        '<script type="application/ld+json">{"headline":"T"}</script></head>' +
        '<body><p>Text</p><script>var x = "<p>not markup</p>";</script><script-x>custom</script-x></body></html>',
    );
    doc.documentElement.insertBefore(doc.createElement('style'), doc.head); // as an extension's stylesheet added at document_start sits
    const html = snapshot(doc);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en" data-x="a&quot;b"><head>/);
    expect(html).toContain('<style></style>');
    expect(html).toContain('{"headline":"T"}');
    expect(html).not.toContain('not markup');
    expect(html).not.toContain('color:red');
    expect(html).toContain('<script-x>custom</script-x>'); // a custom element is not a script
    expect(html.match(/<style/g)).toHaveLength(1); // the stray one is not sent
    const bodiless = docFrom('<p>x</p>');
    bodiless.documentElement.removeChild(bodiless.querySelector('body')!);
    expect(snapshot(bodiless)).toBe(''); // the engine runs on the page instead
  });

  it('finds an element again by its path from the body', () => {
    const doc = docFrom(articlePage(PROMO));
    const promo = doc.querySelector('.promo')!;
    const path = pathOf(promo)!;
    expect(atPath(doc, path)).toBe(promo);
    expect(atPath(doc, [99])).toBeNull();
    expect(atPath(doc, [0.5])).toBeNull();
    expect(pathOf(doc.head!)).toBeNull();
  });

  it('signs a block by tag and text length, leaving out text that differs away from the page', () => {
    const a = docFrom('<div id="a">Hello<script>var long = 1;</script><noscript>&lt;img src=x&gt;</noscript><template><p>t</p></template></div>').getElementById('a')!;
    const b = docFrom('<div id="a">Hello<script></script><noscript><img src="x"></noscript><template></template></div>').getElementById('a')!;
    expect(signature(a)).toBe('div:5');
    expect(signature(b)).toBe(signature(a));
    expect(signature(docFrom('<div id="a">Hullo!</div>').getElementById('a')!)).not.toBe(signature(a));
  });
});

describe('fromRemote', () => {
  it.each([
    ['globalnews.ca/trump-putin-alaska', 'https://globalnews.ca/news/11337490/trump-putin-alaska-summit/'],
    ['www.cnbc.com/trump-putin-summit', 'https://www.cnbc.com/2025/08/15/trump-putin-summit.html'],
    ['worldnewsera.com/trump-putin-summit-productive', 'https://worldnewsera.com/news/trump-putin-summit-productive/'],
  ])('%s: the answer names the same blocks on the same elements as the engine run on the page', (dir, url) => {
    const doc = docFrom(readFileSync(join(fixtures, dir, 'source.html'), 'utf8'));
    const local = analyze(doc, { url, sites });
    const { back } = roundTrip(doc, url);
    expect(back).not.toBeNull();
    expect(back!.missed).toBe(0);
    expect(back!.analysis.report.blocks).toEqual(local.report.blocks);
    expect(back!.analysis.report.text).toBe(local.report.text);
    for (const b of local.report.blocks) expect(back!.analysis.elements.get(b.id)).toBe(local.elements.get(b.id));
  });

  it('keeps only the blocks still where they were once the page has moved under the answer; refuses a malformed one', () => {
    const doc = docFrom(articlePage(PROMO, { after: '<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>' }));
    const url = 'https://news.example.com/2025/council-budget';
    const { answer } = roundTrip(doc, url);
    const before = fromRemote(doc, answer)!;
    expect(before.missed).toBe(0);
    expect(answer.report.blocks.length).toBeGreaterThan(1);
    // A paragraph inserted before the promo: its path now points one element off.
    const promo = doc.querySelector('.promo')!;
    promo.parentElement!.insertBefore(doc.createElement('p'), promo);
    const after = fromRemote(doc, answer)!;
    expect(after.missed).toBeGreaterThanOrEqual(1);
    expect(after.analysis.report.blocks.length + after.missed).toBe(answer.report.blocks.length);
    expect([...after.analysis.elements.values()]).not.toContain(promo);
    // What is kept is what the engine saw, on the same element.
    for (const [id, el] of after.analysis.elements) expect(el).toBe(before.analysis.elements.get(id));
    expect(after.analysis.report.blocks.map((b) => b.id)).toEqual([...after.analysis.elements.keys()]);
    for (const bad of [null, 'x', {}, { report: {}, paths: {}, signatures: {} }, { ...answer, paths: {} }, { ...answer, signatures: [] }]) {
      expect(fromRemote(doc, bad)).toBeNull();
    }
  });

  it('carries the background parse time and the engine timings', () => {
    const doc = docFrom(articlePage(PROMO));
    const remote = analyzeSnapshot({ html: snapshot(doc), url: '', sites: [], keep: [] });
    expect(remote.parseMs).toBeGreaterThanOrEqual(0);
    expect(remote.report.timings.total).toBeGreaterThan(0);
    expect(toRemote(analyze(doc), 3).parseMs).toBe(3);
  });
});
