import { describe, expect, it } from 'vitest';
import { articlePage } from '../helpers/dom';
import { run } from '../helpers/run';

describe('ad detector', () => {
  it('hides an ad slot with its "Story continues below advertisement" label', () => {
    const r = run(
      articlePage(`<div class="c-ad l-article__ad"><div class="c-ad__label">Story continues below advertisement</div><div id="gpt-ad-300250-10"></div></div>`),
    );
    expect(r.hidden('.c-ad')).toBe(true);
    expect(r.kindOf('.c-ad')).toBe('ad');
  });

  it('hides a sponsor slot named so, as the rule learner and the importer call it an ad', () => {
    const r = run(articlePage(`<div class="c-sponsor"><a href="https://brand.example/offer"><img src="https://brand.example/b.png" alt=""></a></div>`));
    expect(r.hidden('.c-sponsor')).toBe(true);
    expect(r.kindOf('.c-sponsor')).toBe('ad');
  });

  it('hides a lone "Advertisement" label in a container without ad class names', () => {
    const r = run(articlePage(`<div class="box17"><span>Advertisement</span><iframe src="about:blank"></iframe></div>`));
    expect(r.hidden('.box17')).toBe(true);
  });

  it('keeps article text about advertising and elements whose names only contain "ad"', () => {
    const r = run(
      articlePage(
        `<p class="trap">The advertisement campaign cost the council more than it had planned, officials said at the meeting, and the opposition demanded an inquiry.</p>`,
      ).replace('<header>', '<header class="masthead"><div class="header-shadow"><span>Read</span></div>'),
    );
    expect(r.hidden('.trap')).toBe(false);
    expect(r.hidden('.header-shadow')).toBe(false);
  });

  it('hides a notice asking to turn an ad blocker off, and keeps an article paragraph about ad blockers', () => {
    const notice = `<div class="alert"><strong>Ad block users:</strong> Some site features may not work correctly while an ad blocker is enabled. Please disable your ad blocker.</div>`;
    const long = `<p class="story">Ad blockers are used by a third of readers, the survey found. ${'Publishers have tried walls, pleas and lighter pages, with mixed results across the industry. '.repeat(4)}</p>`;
    const r = run(articlePage(notice + long));
    expect(r.hidden('.alert')).toBe(true);
    expect(r.kindOf('.alert')).toBe('ad');
    expect(r.hidden('.story')).toBe(false);
  });

  it('hides an advertising or affiliate disclosure named so, and keeps a disclaimer that says nothing of being paid', () => {
    const disclosure = `<div class="editorial-disclaimer"><p class="editorial-disclaimer-text">This post contains affiliate links: we may receive a commission when you buy through them.</p></div>`;
    const other = `<div class="legal-disclaimer"><p>The views of our guest writers are their own.</p></div>`;
    const r = run(articlePage(disclosure + other));
    expect(r.hidden('.editorial-disclaimer')).toBe(true);
    expect(r.kindOf('.editorial-disclaimer')).toBe('ad');
    expect(r.hidden('.legal-disclaimer')).toBe(false);
  });
});
