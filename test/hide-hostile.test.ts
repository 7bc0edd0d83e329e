import { describe, expect, it } from 'vitest';
import { analyze, hideBlocks, restoreAll, restoreBlock, STYLE_ID } from '../lib/engine/index';
import { articlePage, docFrom } from './helpers/dom';

const prompt = `<div class="nl"><h3>Get our daily newsletter</h3><p>Sign up to get the day’s top stories in your inbox.</p><input type="email"><button>Sign up</button></div>`;

describe('hide and restore on a page that uses our stylesheet id itself', () => {
  for (const own of [`<div id="${STYLE_ID}">the page's own element</div>`, `<style id="${STYLE_ID}">.x{color:red}</style>`]) {
    it(`still adds our stylesheet and restores exactly: ${own.slice(0, 30)}…`, () => {
      const doc = docFrom(articlePage(prompt, { after: own }));
      const before = doc.documentElement.outerHTML;
      const { report, elements } = analyze(doc);
      expect(report.blocks.length).toBeGreaterThan(0);
      hideBlocks(doc, elements);
      const styles = Array.from(doc.querySelectorAll(`style#${STYLE_ID}`)).filter((s) => (s.textContent ?? '').includes('display:none'));
      expect(styles).toHaveLength(1);
      restoreBlock(doc, report.blocks[0].id);
      hideBlocks(doc, elements);
      restoreAll(doc);
      expect(doc.documentElement.outerHTML).toBe(before);
    });
  }
});
