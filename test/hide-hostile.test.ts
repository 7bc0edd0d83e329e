import { describe, expect, it } from 'vitest';
import { analyze, hideBlocks, restoreAll, restoreBlock, setShown, HIDDEN_ATTR, STYLE_ID, STYLESHEET } from '../lib/engine/index';
import { articlePage, docFrom } from './helpers/dom';

const prompt = `<div class="nl"><h3>Get our daily newsletter</h3><p>Sign up to get the day’s top stories in your inbox.</p><input type="email"><button>Sign up</button></div>`;

describe('hide and restore on a page that uses our stylesheet id itself', () => {
  for (const own of [
    `<div id="${STYLE_ID}">the page's own element</div>`,
    `<style id="${STYLE_ID}">.x{color:red}</style>`,
    // Our id and our very text: still the page's own.
    `<style id="${STYLE_ID}">${STYLESHEET}</style>`,
  ]) {
    it(`still adds our stylesheet and restores exactly: ${own.slice(0, 30)}…`, () => {
      const doc = docFrom(articlePage(prompt, { after: own }));
      const before = doc.documentElement.outerHTML;
      const { report, elements } = analyze(doc);
      expect(report.blocks.length).toBeGreaterThan(0);
      hideBlocks(doc, elements);
      const styles = Array.from(doc.querySelectorAll(`style#${STYLE_ID}`)).filter((s) => (s.textContent ?? '').includes('display:none'));
      expect(styles).toHaveLength(own.includes(STYLESHEET) ? 2 : 1);
      restoreBlock(doc, report.blocks[0].id);
      hideBlocks(doc, elements);
      restoreAll(doc);
      expect(doc.documentElement.outerHTML).toBe(before);
    });
  }
});

describe('hide and restore on a page that uses our attributes itself', () => {
  it('finds and restores only the elements it marked; the page\u2019s own marks stay as they were', () => {
    const own = `<div class="page-mark" ${HIDDEN_ATTR}="newsletter-0" data-declutter-show>the page's own marks</div>`;
    const doc = docFrom(articlePage(prompt, { after: own }));
    const before = doc.documentElement.outerHTML;
    const mark = doc.querySelector('.page-mark')!;
    const { report, elements } = analyze(doc);
    const id = report.blocks[0].id;
    // The page's element carries a block id of the same shape: never taken for ours.
    mark.setAttribute(HIDDEN_ATTR, id);
    const marked = doc.documentElement.outerHTML;
    hideBlocks(doc, elements);
    expect(setShown(doc, id, true)).toBe(elements.get(id));
    expect(setShown(doc, id, false)).toBe(elements.get(id));
    expect(mark.outerHTML).toContain('data-declutter-show');
    expect(restoreBlock(doc, id)).toBe(true);
    expect(mark.getAttribute(HIDDEN_ATTR)).toBe(id);
    hideBlocks(doc, elements);
    restoreAll(doc);
    expect(doc.documentElement.outerHTML).toBe(marked);
    mark.setAttribute(HIDDEN_ATTR, 'newsletter-0');
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('puts back the page\u2019s own value of the attribute on an element it hid', () => {
    const doc = docFrom(articlePage(prompt));
    const { report, elements } = analyze(doc);
    const el = elements.get(report.blocks[0].id)!;
    el.setAttribute(HIDDEN_ATTR, 'the-page-s-own');
    const before = doc.documentElement.outerHTML;
    hideBlocks(doc, elements);
    expect(el.getAttribute(HIDDEN_ATTR)).toBe(report.blocks[0].id);
    restoreAll(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
