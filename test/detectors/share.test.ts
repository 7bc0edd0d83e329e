import { describe, expect, it } from 'vitest';
import { articlePage } from '../helpers/dom';
import { run } from '../helpers/run';

describe('share detector', () => {
  it('hides a share bar', () => {
    const r = run(
      articlePage(`<div class="c-socialShare"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>
        <a href="https://twitter.com/intent/tweet?url=x">X</a><a href="mailto:?subject=Story">Email</a></div>`),
    );
    expect(r.hidden('.c-socialShare')).toBe(true);
    expect(r.kindOf('.c-socialShare')).toBe('share');
  });

  it('hides share links without telling class names', () => {
    const r = run(
      articlePage(`<div class="tools"><a href="https://www.linkedin.com/shareArticle?url=x">in</a><a href="https://wa.me/?text=x">WhatsApp</a></div>`),
    );
    expect(r.hidden('.tools')).toBe(true);
  });

  it('hides a "follow us" row in the article and keeps the footer\'s social links', () => {
    const r = run(
      articlePage(
        `<div class="social-follow"><a href="https://www.facebook.com/newsexample">Facebook</a><a href="https://www.instagram.com/newsexample">Instagram</a></div>`,
      ).replace(
        '<footer>',
        '<footer><div class="social"><a href="https://x.com/newsexample">X</a><a href="https://facebook.com/newsexample">Facebook</a></div>',
      ),
    );
    expect(r.hidden('.social-follow')).toBe(true);
    expect(r.kindOf('.social-follow')).toBe('share');
    expect(r.hidden('footer .social')).toBe(false);
  });
  it("hides a row of Google's follow-this-publisher links with its label", () => {
    const r = run(
      articlePage(`<div class="c-follow"><span>Follow us</span><a href="https://news.google.com/publications/CAAqBwgKMKPFmgsw?hl=en-CA">Follow on Google News</a>
        <a href="https://www.google.com/preferences/source?q=example.com">Add as preferred on Google</a></div>`),
    );
    expect(r.hidden('.c-follow')).toBe(true);
    expect(r.kindOf('.c-follow')).toBe('share');
  });

  it("keeps the author's social links in a bio", () => {
    const r = run(
      articlePage(
        `<div class="author-bio"><p>Jane Doe covers city hall for the paper.</p><a href="https://x.com/janedoe">X</a><a href="https://www.linkedin.com/in/janedoe">LinkedIn</a></div>`,
      ),
    );
    expect(r.hidden('.author-bio')).toBe(false);
  });
});
