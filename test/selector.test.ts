import { describe, expect, it } from 'vitest';
import { cssIdent, isStableClass, isStableId, proposeSelector, proposeSelectors, selectorCandidates, simpleSelectors } from '../lib/rules/selector';
import { docFrom } from './helpers/dom';

describe('stable names', () => {
  it('accepts template class names', () => {
    for (const c of ['c-inlineSignup', 'RelatedContent-relatedContent', 'l-article__text', 'newsletter', 'share-bar', 'h2', 'navBar', 'ctaBox', 'Share']) {
      expect(isStableClass(c), c).toBe(true);
    }
  });
  it('refuses generated, per-page and state names', () => {
    for (const c of [
      'css-1x2y3z',
      'sc-bdVaJa',
      'jsx-2345',
      'Card_box__a1B2c',
      '_3xk9F',
      'post-48213',
      'eKpQzF',
      'is-open',
      'active',
      'declutter-x',
      'a1b2c3d4',
      // styled-components hash classes, as on a page whose share bar is `<div class="sc-x kdvWjb" data-component="SocialShareButtons">`
      'kdvWjb',
      'hfnwMY',
      'bZSLBf',
      'iDkNCb',
    ]) {
      expect(isStableClass(c), c).toBe(false);
    }
    expect(isStableId('sidebar-moreStories')).toBe(true);
    expect(isStableId('post-1')).toBe(false);
    expect(isStableId('3f2c9a10-aaaa-bbbb-cccc-1234567890ab')).toBe(false);
  });
  it('escapes identifiers that start with a digit', () => {
    expect(cssIdent('1col')).toBe('\\31 col');
    const doc = docFrom('<div class="1col">x</div>');
    expect(doc.querySelector(`.${cssIdent('1col')}`)).not.toBeNull();
  });
});

describe('simpleSelectors', () => {
  it('lists id, classes, attributes and tag, most telling first', () => {
    const doc = docFrom('<aside id="promo" class="box is-open c-signup" data-module="newsletter">x</aside>');
    expect(simpleSelectors(doc.querySelector('aside')!)).toEqual(['#promo', 'aside.box', 'aside.c-signup', 'aside[data-module="newsletter"]', 'aside']);
  });
  it('names a styled-components box by its data-component, never by its hash classes', () => {
    const doc = docFrom(
      '<body><div class="sc-1a2b kdvWjb" data-component="SocialShareButtons"><a href="https://www.facebook.com/sharer/sharer.php?u=x"><svg class="hfnwMY"></svg></a></div></body>',
    );
    const el = doc.querySelector('[data-component]')!;
    expect(simpleSelectors(el)).toEqual(['[data-component="SocialShareButtons"]']);
    expect(proposeSelector(el)?.selector).toBe('[data-component="SocialShareButtons"]');
  });

  it('never uses positions or generated ids', () => {
    const doc = docFrom('<div id="ad-300250" class="css-9f8e7d">x</div>');
    expect(simpleSelectors(doc.querySelector('div')!)).toEqual([]);
  });
});

describe('proposeSelector', () => {
  const page = `<main class="story"><p class="copy">One paragraph of the story, long enough.</p>
    <div class="promo"><a href="/a">A</a></div><p class="copy">Two</p><div class="promo"><a href="/b">B</a></div></main>
    <footer><div class="promo">Footer promo</div></footer>`;

  it("proposes the element's own class and counts its matches", () => {
    const doc = docFrom(page);
    expect(proposeSelector(doc.querySelector('.promo')!)).toEqual({ selector: '.promo', matches: 3 });
  });
  it('adds ancestor context when the bare class would hit something to avoid', () => {
    const doc = docFrom(page);
    const footer = doc.querySelector('footer')!;
    const avoid = (e: Element) => !footer.contains(e);
    const el = footer.querySelector('.promo')!;
    expect(proposeSelector(el, { avoid })).toEqual({ selector: 'footer .promo', matches: 1 });
  });
  it('refuses selectors that would match an avoided element', () => {
    const doc = docFrom(page);
    const p = doc.querySelector('p')!;
    expect(proposeSelectors(p, { avoid: (e) => e.tagName === 'P' })).toEqual([]);
  });
  it('every proposal matches the element it was made for', () => {
    const doc = docFrom('<section class="rail"><ul class="links" role="list"><li>a</li></ul></section><ul class="links"><li>b</li></ul>');
    const el = doc.querySelector('.rail .links')!;
    for (const p of proposeSelectors(el)) expect([...doc.querySelectorAll(p.selector)]).toContain(el);
  });
});

describe('selectorCandidates', () => {
  it('lists what proposeSelectors tries, own names first, then with context, unchecked', () => {
    const doc = docFrom('<main class="story"><div class="rail promo"><a href="/a">A</a></div></main><div class="rail">b</div>');
    const el = doc.querySelector('.story .rail')!;
    const { own, context } = selectorCandidates(el);
    expect(own).toEqual(['.rail', '.promo', '.rail.promo']);
    expect(context).toEqual(['main.story .rail', 'main.story .promo', 'main .rail', 'main .promo']);
    // proposeSelectors checks them against the document, in the same order.
    expect(proposeSelectors(el).map((p) => p.selector)).toEqual([...own, ...context]);
    expect(proposeSelectors(el, { maxMatches: 1 }).map((p) => p.selector)).not.toContain('.rail');
  });
});
