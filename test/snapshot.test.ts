/** The engine away from the page: the snapshot, paths and signatures, and the check before hiding. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/analyze';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { atPath, COMPACT_TEXT_CHARS, CompactSnapshot, fromRemote, pathOf, signature, snapshot, toRemote } from '../lib/extension/content/snapshot';
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
    const a = docFrom(
      '<div id="a">Hello<script>var long = 1;</script><noscript>&lt;img src=x&gt;</noscript><template><p>t</p></template></div>',
    ).getElementById('a')!;
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

/** A compact snapshot written to the end at once (`slices`: how many steps it took, each of at least 128 nodes). */
function compact(doc: Document, sliced = false): { html: string; slices: number } {
  const c = new CompactSnapshot(doc);
  let slices = 1;
  while (!c.step(sliced ? 0 : Infinity, () => 1)) slices++;
  return { html: c.html, slices };
}

/**
 * Every element of the body, in order; none inside <template> or <noscript>: on a page their
 * contents are not elements (a template's are its `content`'s, a noscript's are text where scripts
 * run). A template goes empty, a noscript's text as text.
 */
function elementsOf(doc: Document): Element[] {
  return Array.from(doc.body!.querySelectorAll('*')).filter((el) => !el.parentElement?.closest('template, noscript'));
}

describe('compact snapshot (a page over MAX_SNAPSHOT_CHARS)', () => {
  const LONG = 'The committee heard evidence from residents about the flooding on the lower road. '.repeat(30);

  it('keeps every element where it is, cuts each long text and marks how much was cut', () => {
    const doc = docFrom(
      '<!doctype html><html lang="en"><head><title>T</title><script type="application/ld+json">{"headline":"T"}</script><style>p{}</style></head><body>' +
        `<article><h1>Title &amp; more</h1><p title="a &quot;q&quot; &lt;b&gt;">${LONG}</p><p>short &lt;tag&gt; &amp; &nbsp;text</p>` +
        `<pre>\nfirst line</pre><textarea>${LONG}</textarea><img src="data:image/png;base64,${'A'.repeat(5000)}" alt="x"><br>` +
        '<template><p>inside</p></template><script>var x = "<p>";</script><noscript><p>no js</p></noscript>' +
        '<svg viewBox="0 0 1 1"><path d="M0 0"/></svg><table><tbody><tr><td>cell</td></tr></tbody></table></article></body></html>',
    );
    const { html } = compact(doc);
    expect(html).toMatch(
      /^<!DOCTYPE html><html lang="en"><head><title>T<\/title><script type="application\/ld\+json">\{"headline":"T"\}<\/script><style><\/style><\/head><body>/,
    );
    expect(html).toContain(`${LONG.slice(0, COMPACT_TEXT_CHARS)}<!--declutter-cut:${LONG.length - COMPACT_TEXT_CHARS}-->`);
    expect(html).toContain(`<textarea>${LONG}</textarea>`); // a mark there would be text
    expect(html).not.toContain('A'.repeat(1100)); // attribute values cut too
    expect(html).toContain('<template></template>');
    expect(html).not.toContain('var x');
    const copy = parseHTML(html).document as unknown as Document;
    const page = elementsOf(doc);
    const there = elementsOf(copy);
    expect(there.map((el) => el.tagName)).toEqual(page.map((el) => el.tagName));
    expect(there.map((el) => pathOf(el))).toEqual(page.map((el) => pathOf(el)));
    expect(copy.querySelector('h1')!.textContent).toBe('Title & more');
    expect(copy.querySelector('p')!.getAttribute('title')).toBe('a "q" <b>');
    expect(copy.querySelectorAll('p')[1].textContent).toBe('short <tag> & \u00a0text');
    expect(copy.querySelector('pre')!.textContent).toBe(doc.querySelector('pre')!.textContent);
  });

  it('is the same written in slices as at once', () => {
    const doc = docFrom(articlePage(PROMO, { count: 400 }));
    const whole = compact(doc);
    const sliced = compact(doc, true);
    expect(sliced.slices).toBeGreaterThan(5);
    expect(sliced.html).toBe(whole.html);
  });

  it('is empty for a page too large even so, and for a page without a body', () => {
    const doc = docFrom(`<div>${'<i>x</i>'.repeat(2_000)}<p>${LONG.repeat(100)}</p></div>`);
    // Short texts are not cut: a page of many elements stays large. (MAX_SNAPSHOT_CHARS, made small.)
    const at = (max: number) => {
      const c = new CompactSnapshot(doc, max);
      c.step(Infinity, () => 0);
      return c.html;
    };
    expect(at(20_000).length).toBeGreaterThan(14_000);
    expect(at(10_000)).toBe('');
    expect(compact(doc).html).toBe(at(20_000));
    const bodiless = docFrom('<p>x</p>');
    bodiless.documentElement.removeChild(bodiless.querySelector('body')!);
    expect(compact(bodiless).html).toBe('');
  });

  it('of an article with long paragraphs: the engine finds the same blocks in it, and they check out on the page', () => {
    const longPara = (n: number) => `<p>Paragraph ${n}. ${LONG}</p>`;
    const share = '<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>';
    const html = articlePage(`${PROMO}${longPara(100)}`, { after: share }).replace(/<p>Paragraph (\d+)[^<]*<\/p>/g, (_, n) => longPara(Number(n)));
    const doc = docFrom(html);
    const url = 'https://news.example.com/2025/council-budget';
    const local = analyze(doc, { url, sites });
    expect(local.report.blocks.length).toBeGreaterThanOrEqual(2);
    const answer = JSON.parse(JSON.stringify(analyzeSnapshot({ html: compact(doc).html, url, sites: [...sites], keep: [], compact: true })));
    const back = fromRemote(doc, answer)!;
    expect(back.missed).toBe(0);
    expect(back.analysis.report.blocks.map((b) => b.kind)).toEqual(local.report.blocks.map((b) => b.kind));
    for (const b of local.report.blocks) expect([...back.analysis.elements.values()]).toContain(local.elements.get(b.id));
    // The story body holds cut paragraphs: its signature has its whole length on the page.
    const body = doc.querySelector('.story-body')!;
    const there = atPath(parseHTML(compact(doc).html).document as unknown as Document, pathOf(body)!)!;
    expect(signature(there)).not.toBe(signature(body));
    expect(
      toRemote({ ...local, report: { ...local.report, blocks: [{ ...local.report.blocks[0], id: 'x' }] }, elements: new Map([['x', there]]) }, 0, true)
        .signatures.x,
    ).toBe(signature(body));
  });

  it('lines up with the page, element for element, on any tree (texts cut, escaped, marked)', () => {
    const tags = ['div', 'p', 'span', 'b', 'a', 'li', 'pre', 'textarea', 'xmp', 'iframe', 'script', 'style', 'noscript', 'template', 'svg', 'h3', 'img', 'br'];
    const text = fc.oneof(fc.stringMatching(/^[ a-z<>&"\u00a0\n]{0,12}$/), fc.constant(LONG));
    const node: fc.Memo<string> = fc.memo((n) =>
      n <= 1
        ? text.map((t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
        : fc
            .tuple(fc.constantFrom(...tags), fc.array(node(n - 1), { maxLength: 3 }))
            .map(([t, kids]) => (t === 'img' || t === 'br' ? `<${t}>` : `<${t} class="c">${kids.join('')}</${t}>`)),
    );
    fc.assert(
      fc.property(fc.array(node(4), { maxLength: 5 }), (kids) => {
        const doc = docFrom(`<html><head><title>t</title></head><body><div id="x">${kids.join('')}</div></body></html>`);
        const copy = parseHTML(compact(doc).html).document as unknown as Document;
        const page = elementsOf(doc);
        const there = elementsOf(copy);
        expect(there.map((el) => el.tagName)).toEqual(page.map((el) => el.tagName));
        // Each element's signature, with what was cut inside it, is its signature on the page.
        const fake = (el: Element, i: number) => ({ id: `b${i}`, kind: 'ad' as const, text: '', reason: '', rule: '' });
        const remote = toRemote(
          { report: { blocks: there.map(fake) } as never, elements: new Map(there.map((el, i) => [`b${i}`, el])), article: null },
          0,
          true,
        );
        page.forEach((el, i) => {
          expect(remote.signatures[`b${i}`]).toBe(signature(el));
        });
      }),
      { numRuns: 200 },
    );
  });
});
