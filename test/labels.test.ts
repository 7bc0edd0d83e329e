/**
 * A block goes with its label: a box holding only the hidden block and a short label goes whole.
 * Markup as the sites print it (WordPress Jetpack's share box, Postmedia's ad label); the traps are
 * an article's kicker beside an ad slot in its header and a date line beside a share bar.
 */
import { describe, expect, it } from 'vitest';
import { para } from './helpers/dom';
import { run } from './helpers/run';

const body = Array.from({ length: 8 }, (_, i) => para(i + 1, 'the harbour')).join('\n');
const page = (header: string, after: string) =>
  `<!doctype html><html><head><title>Harbour plan approved</title><link rel="canonical" href="https://blog.example.com/2025/08/15/harbour-plan/"></head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article class="post"><header class="entry-header">${header}<h1 class="entry-title">Harbour plan approved</h1></header>
<div class="entry-content">${body}${after}</div></article></main><footer><p>© Example</p></footer></body></html>`;

const jetpack = `<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>
<li class="share-facebook"><a rel="nofollow noopener noreferrer" class="share-facebook sd-button share-icon" href="https://blog.example.com/2025/08/15/harbour-plan/?share=facebook" target="_blank" title="Click to share on Facebook"><span>Facebook</span></a></li>
<li class="share-twitter"><a rel="nofollow noopener noreferrer" class="share-twitter sd-button share-icon" href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fblog.example.com%2Fharbour" target="_blank" title="Click to share on X"><span>X</span></a></li>
<li class="share-email"><a rel="nofollow noopener noreferrer" class="share-email sd-button share-icon" href="mailto:?subject=Harbour%20plan&amp;body=https%3A%2F%2Fblog.example.com%2Fharbour" target="_blank" title="Click to email a link to a friend"><span>Email</span></a></li>
</ul></div></div></div>`;

describe('a block and its label', () => {
  it('hides a row of share icons with its label', () => {
    // A press-release site's row: a label and icon-only links to share endpoints (verbaende.com prints "NEWS TEILEN:").
    const url = 'https%3A%2F%2Fblog.example.com%2F2025%2F08%2F15%2Fharbour-plan%2F';
    const row = `<div class="teilen d-flex align-items-center"><span class="title">SHARE THIS NEWS:</span><ul class="social-list d-flex align-items-center">
<li><a class="fab fa-twitter twitter-share-button" href="https://twitter.com/intent/tweet?text=${url}" target="_blank"></a></li>
<li><a class="fab fa-linkedin-in" href="https://www.linkedin.com/sharing/share-offsite/?url=${url}" target="_blank"></a></li>
<li><a class="fab fa-xing" href="https://www.xing.com/spi/shares/new?url=${url}" target="_blank"></a></li></ul></div>`;
    const r = run(page('', row));
    expect(r.hidden('.social-list')).toBe(true);
    expect(r.hidden('.teilen .title')).toBe(true);
    expect(r.report.text).not.toContain('SHARE THIS NEWS');
    expect(r.report.text).toContain('the harbour');
  });

  it("keeps the article's kicker beside an ad slot in its header", () => {
    const header = `<div class="header-top"><div class="article-kicker">High Praise</div><div class="admz" id="adm-article-header-logo"><div class="ad-slot" id="gpt-rslogo-140"><iframe src="https://ads.example.net/slot" width="140" height="40"></iframe></div></div></div>`;
    const r = run(page(header, ''));
    expect(r.hidden('.article-kicker')).toBe(false);
  });

  it('keeps a date line beside a share bar', () => {
    const meta = `<div class="entry-meta"><span class="posted-on">Aug. 16, 2025</span>${jetpack.replace('<h3 class="sd-title">Share this:</h3>', '')}</div>`;
    const r = run(page('', `${meta}`));
    expect(r.hidden('.sd-content')).toBe(true);
    expect(r.hidden('.posted-on')).toBe(false);
  });
});
