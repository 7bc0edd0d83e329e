/** Text helpers: the start of an element's text, as textContent and as a reader sees it. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockText, collapse, textStart } from '../lib/engine/page/dom';
import { docFrom } from './helpers/dom';

const tags = ['div', 'p', 'span', 'b', 'a', 'li', 'script', 'style', 'svg', 'h3', 'td'];
const node: fc.Memo<string> = fc.memo((n) =>
  n <= 1
    ? fc.stringMatching(/^[ a-zA-Z\n]{0,12}$/)
    : fc.tuple(fc.constantFrom(...tags), fc.array(node(n - 1), { maxLength: 3 })).map(([t, kids]) => `<${t}>${kids.join('')}</${t}>`),
);

describe('textStart', () => {
  it('reads only as far as it needs, past the leading white space', () => {
    const el = docFrom(
      '<html><body><div id="x">  \n <span>Read</span> more: <a href="/a">a long headline about the council and its budget</a></div></body></html>',
    ).getElementById('x')!;
    const start = textStart(el, 10);
    expect(start.trimStart().length).toBeGreaterThanOrEqual(10);
    expect(start.length).toBeLessThan((el.textContent ?? '').length);
    expect(start.trimStart().startsWith('Read more')).toBe(true);
  });

  it('leaves out what does not show when asked for the visible text, and keeps blocks apart', () => {
    const el = docFrom('<html><body><h3 id="x"><svg><title>icon</title></svg><div>Related</div><div>stories</div></h3></body></html>').getElementById('x')!;
    expect(textStart(el, 30).trimStart().startsWith('iconRelated')).toBe(true);
    expect(collapse(textStart(el, 30, true))).toBe('Related stories');
  });

  it('is the start of textContent, and of the visible text (white space aside), on any tree', () => {
    fc.assert(
      fc.property(fc.array(node(4), { maxLength: 4 }), fc.integer({ min: 1, max: 30 }), (kids, n) => {
        const el = docFrom(`<html><body><div id="x">${kids.join('')}</div></body></html>`).getElementById('x')!;
        const raw = el.textContent ?? '';
        const start = textStart(el, n);
        expect(raw.startsWith(start)).toBe(true);
        expect(start.trimStart().length >= n || start === raw).toBe(true);
        const visible = collapse(blockText(el).replace(/\n/g, ' '));
        const visStart = textStart(el, n, true);
        const vis = collapse(visStart);
        expect(visible.startsWith(vis)).toBe(true);
        expect(visStart.trimStart().length >= n || vis === visible).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('on a page nested deeper than the call stack goes', () => {
  /** <div id="x">Start <span>×levels … bottom …</span><p>End</p></div>, built with the DOM API. */
  function deep(levels: number): Element {
    const doc = docFrom('<html><body><div id="x">Start </div></body></html>');
    const x = doc.getElementById('x')!;
    let at: Element = x;
    for (let i = 0; i < levels; i++) at = at.appendChild(doc.createElement(i % 2 ? 'span' : 'b'));
    at.textContent = 'bottom';
    const end = doc.createElement('p');
    end.textContent = 'End';
    x.appendChild(end);
    return x;
  }

  it('blockText and textStart walk 20,000 levels and read them as they read a shallow page', () => {
    const el = deep(20_000);
    expect(blockText(el)).toBe('Start bottom\nEnd');
    expect(blockText(el, { visibleOnly: true })).toBe('Start bottom\nEnd');
    expect(textStart(el, 100)).toBe('Start bottomEnd');
    expect(textStart(el, 100, true)).toBe('Start bottom End ');
    expect(textStart(el, 8)).toBe('Start bottom');
  });
});
