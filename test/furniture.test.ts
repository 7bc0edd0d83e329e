/**
 * The article's furniture is never hidden: the byline and author box, the date line, the lead
 * photo, the first copy of a caption, a Key Points box. Each page here is written by hand in the
 * markup a news site uses for it (class names and nesting as the site prints them).
 */
import { describe, expect, it } from 'vitest';
import { para } from './helpers/dom';
import { run } from './helpers/run';

const body = (n = 8) => Array.from({ length: n }, (_, i) => para(i + 1, 'the summit')).join('\n');
const page = (url: string, html: string) =>
  `<!doctype html><html><head><title>Summit ends without a deal</title><link rel="canonical" href="${url}"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>${html}<footer><p>© Example</p></footer></body></html>`;

/** CNBC's article header (2023–2025 template): the author box and WATCH LIVE in one "authorAndShareInline" box. */
const cnbcHeader = (
  share = '',
) => `<div class="PageBuilder-col-full PageBuilder-col PageBuilder-article"><header class="ArticleHeader-articleHeader" id="main-article-header">
<div class="ArticleHeader-headerContentContainer"><div class="ArticleHeader-wrapperHero ArticleHeader-wrapper"><a href="https://www.cnbc.com/politics/" class="ArticleHeader-eyebrow">Politics</a>
<div><h1 class="ArticleHeader-headline">Summit ends without a deal</h1></div></div>
<div class="ArticleHeader-authorAndShareInline"><div class="ArticleHeader-authorContainer ArticleHeader-authorContainerWithWatchLive"><div class="ArticleHeader-author"><div class="Author-author"><div class="Author-authorInfo">
<img class="Author-authorPortrait" src="https://image.cnbcfm.com/api/v1/image/1-headshot.jpg?w=60&amp;h=60" alt="thumbnail"><div class="Author-authorNameAndSocial"><a href="https://www.cnbc.com/kate-fazzini/" class="Author-authorName">Kate Fazzini</a><a href="https://twitter.com/KateFazzini" class="Author-authorTwitter">@KateFazzini</a></div></div></div></div></div>
<div class="ArticleHeader-time"><time itemprop="datePublished" datetime="2025-08-15T18:02:00+0000">Published Fri, Aug 15 2025</time></div>${share}
<span><a href="/live-tv/" class="WatchLive-container">WATCH LIVE</a></span></div></div></header></div>`;

const keyPoints = `<div class="RenderKeyPoints-keyPoints" id="RegularArticle-KeyPoints-4"><div class="RenderKeyPoints-wrapper"><div class="RenderKeyPoints-header">Key Points</div>
<div class="RenderKeyPoints-list"><div><div class="group"><ul><li>The leaders met for three hours in Alaska and left without a deal.</li><li>Both sides called the talks productive.</li></ul></div></div></div></div></div>`;

describe('the article furniture', () => {
  it('keeps the CNBC author box and date line (a box named "authorAndShare" is not a share bar)', () => {
    const r = run(
      page('https://www.cnbc.com/2025/08/15/summit.html', `${cnbcHeader()}<div class="ArticleBody-articleBody"><div class="group">${body()}</div></div>`),
    );
    expect(r.hidden('.Author-authorName')).toBe(false);
    expect(r.hidden('time')).toBe(false);
    expect(r.hidden('.ArticleHeader-authorAndShareInline')).toBe(false);
  });

  it('keeps the CNBC author box when a site rule names the box holding it as a share bar', () => {
    const r = run(
      page('https://www.cnbc.com/2025/08/15/summit.html', `${cnbcHeader()}<div class="ArticleBody-articleBody"><div class="group">${body()}</div></div>`),
      { extraSites: [{ host: 'cnbc.com', rules: [{ kind: 'share', selector: '.ArticleHeader-authorAndShareInline', reason: 'test' }] }] },
    );
    expect(r.hidden('.Author-authorName')).toBe(false);
    expect(r.hidden('time')).toBe(false);
  });

  it('hides the share buttons beside a byline and keeps the byline', () => {
    // A byline row holding the share bar (Global News' c-byline, inside the article, not a <header>).
    const meta = `<div class="l-article__meta c-byline"><div class="c-byline__attribution"><span class="c-byline__author">By <a href="/author/jane-roe" rel="author">Jane Roe</a></span></div>
<div class="c-byline__dates"><time class="c-byline__datestamp" datetime="2025-08-15">Posted August 15, 2025 6:02 pm</time></div>
<div class="c-socialShare"><a href="https://www.facebook.com/sharer/sharer.php?u=x" class="c-socialShare__link">Facebook</a><a href="https://twitter.com/intent/tweet?url=x" class="c-socialShare__link">X</a><a href="mailto:?subject=x" class="c-socialShare__link">Email</a></div></div>`;
    const r = run(
      page(
        'https://news.example.com/2025/08/15/summit.html',
        `<main><article><div class="l-article__header"><h1>Summit ends without a deal</h1></div>${meta}<div class="l-article__text">${body()}</div></article></main>`,
      ),
    );
    expect(r.hidden('.c-socialShare')).toBe(true);
    expect(r.kindOf('.c-socialShare')).toBe('share');
    expect(r.hidden('.c-byline__author')).toBe(false);
    expect(r.hidden('time')).toBe(false);
  });

  it('keeps an author box after the article and hides only its share link', () => {
    const box = `<div class="social-reporter"><div class="reporter"><a href="/tom-d/"><img src="/tom.60x60.jpg" width="60" height="60" alt="Tom D"></a><div class="reporter-info"><span class="name"><a href="/tom-d/">Tom D</a></span><span class="title">Energy Reporter</span></div>
<div class="article-social-small"><a href="https://twitter.com/intent/tweet?url=x"><span class="social-twitter"></span></a><a href="https://www.facebook.com/sharer/sharer.php?u=x"><span class="social-facebook"></span></a></div></div></div>`;
    const r = run(
      page(
        'https://news.example.com/a.html',
        `<article><h1 class="title">Summit ends without a deal</h1><div class="source"><a href="/tom-d/" rel="author">Tom D</a></div><div class="group">${body()}</div></article>${box}`,
      ),
    );
    expect(r.hidden('.reporter-info')).toBe(false);
    expect(r.hidden('.article-social-small')).toBe(true);
  });

  it('keeps a Key Points box', () => {
    const r = run(
      page(
        'https://www.cnbc.com/2025/08/15/summit.html',
        `${cnbcHeader()}<div class="PageBuilder-col-9">${keyPoints}<div class="ArticleBody-articleBody"><div class="group">${body()}</div></div></div>`,
      ),
    );
    expect(r.hidden('.RenderKeyPoints-keyPoints')).toBe(false);
  });

  it('keeps a Key Points box a site rule names as a related-stories box', () => {
    const r = run(
      page(
        'https://www.cnbc.com/2025/08/15/summit.html',
        `${cnbcHeader()}<div class="PageBuilder-col-9">${keyPoints}<div class="ArticleBody-articleBody"><div class="group">${body()}</div></div></div>`,
      ),
      { extraSites: [{ host: 'cnbc.com', rules: [{ kind: 'related', selector: '.RenderKeyPoints-keyPoints', reason: 'test' }] }] },
    );
    expect(r.hidden('.RenderKeyPoints-keyPoints')).toBe(false);
    expect(r.hidden('li')).toBe(false);
  });

  it('keeps a lead <picture> whose image is named for ads (TechRadar: "block-image-ads"), and its credit', () => {
    const lead = `<div class="box less-space hero-image-wrapper"><figure class="mb-0"><picture data-new-v2-image="true" class="block w-full pt-[--aspect-padding] relative">
<source type="image/webp" srcset="https://cdn.mos.cms.futurecdn.net/abc-1200-80.jpg.webp 1200w"><img src="https://cdn.mos.cms.futurecdn.net/abc.jpg" alt="Google search" class="rounded-[var(--image--border-radius,0)] block-image-ads hero-image absolute top-0 left-0 w-full h-full" data-component-name="Image"></picture>
<figcaption class="font-article-copy mt-2"><span class="credit font-article-copy">(Image credit: Google)</span></figcaption></figure></div>`;
    const r = run(
      page(
        'https://www.techradar.com/ai/search.html',
        `<div class="news-article"><header><h1>Summit ends without a deal</h1><div class="author-byline"><span class="by-author">By <a href="/author/lance" rel="author">Lance Ulanoff</a></span> <time class="relative-date" datetime="2026-05-19">19 May 2026</time></div></header>
<section class="content-wrapper">${lead}<div id="article-body" class="text-copy bodyCopy auto">${body()}</div></section></div>`,
      ),
    );
    expect(r.hidden('picture')).toBe(false);
    expect(r.hidden('figcaption')).toBe(false);
    expect(r.hidden('time')).toBe(false);
  });

  it('keeps one copy of a caption printed twice in one figure (Guardian: one for phones, one for desktops)', () => {
    const cap = `<span class="dcr-1qvd3m6">The gutted remains of the two buildings, which had about 140 apartments.</span> Photograph: Eva Manez/Reuters`;
    const figure = `<div data-gu-name="media" class="dcr-6ufhd0"><figure id="img-fig" class="dcr-142siv7"><div id="img-1" class="dcr-1t8m8f2"><picture class="dcr-evn1e9"><img alt="The gutted remains" src="https://i.guim.co.uk/img/media/ff0/master/4616.jpg?width=465" width="465" height="279"></picture>
<span class="dcr-v822l1"><div class="dcr-gup2gr"><input type="checkbox" id="the-checkbox"> <div id="the-caption"><figcaption class="dcr-18o4zko">${cap}</figcaption></div></div></span></div>
<span class="dcr-n4pnam"><figcaption class="dcr-10c8vbz">${cap}</figcaption></span></figure></div>`;
    const r = run(
      page(
        'https://www.theguardian.com/world/2024/feb/24/valencia.html',
        `<main><article class="dcr-13ojipo">${figure}<div data-gu-name="headline"><h1>Summit ends without a deal</h1></div>
<aside data-gu-name="meta"><address aria-label="Contributor info" data-component="meta-byline"><span>Associated Press in Valencia</span></address><div class="dcr-1d52k2r">Sat 24 Feb 2024 12.42 CET</div></aside>
<div class="article-body-commercial-selector">${body()}</div></article></main>`,
      ),
    );
    expect(r.hidden('.dcr-18o4zko')).toBe(false);
    expect(r.hidden('.dcr-10c8vbz')).toBe(false);
    expect(r.hidden('picture')).toBe(false);
    expect(r.hidden('address')).toBe(false);
  });

  it('keeps a captioned photo under share buttons laid over it, and hides the buttons (Metro)', () => {
    const fig = `<figure class=" img-container shareable-item wp-caption"><div class="img-wrap"><a id="share-item-1" class="anchor"></a><div class="item-share-buttons item-share">
<a class="share-button share-item share-item-facebook btn" title="Share this on Facebook"><span class="icon icon-facebook"></span></a><a class="share-button share-item share-item-twitter btn" title="Share this on Twitter"><span class="icon icon-twitter"></span></a></div>
<img width="540" height="367" src="https://metro.co.uk/wp-content/uploads/2024/07/king.jpg" alt="The King and Queen arrive" class="wp-image-1"></div><figcaption>The King and Queen arrive in the Norman Porch (Picture: Getty)</figcaption></figure>`;
    const html = `<article><h1>Summit ends without a deal</h1><div class="article-body">${para(1)}${para(2)}${fig}${body(6)}</div></article>`;
    const r = run(page('https://metro.co.uk/2024/07/17/summit.html', html));
    expect(r.hidden('img.wp-image-1')).toBe(false);
    expect(r.hidden('figcaption')).toBe(false);
    expect(r.hidden('.item-share-buttons')).toBe(true);
  });

  it('refuses a site rule naming the byline box too', () => {
    const r = run(
      page(
        'https://news.example.com/a.html',
        `<article><h1>Summit ends without a deal</h1><p class="c-byline">By <a href="/jane" rel="author">Jane Roe</a></p><div class="story">${body()}</div></article>`,
      ),
      {
        extraSites: [{ host: 'news.example.com', rules: [{ kind: 'related', selector: '.c-byline', reason: 'test' }] }],
      },
    );
    expect(r.hidden('.c-byline')).toBe(false);
  });

  // What the size limits keep out of the furniture: each case below is protected without its limit.
  it('hides a story carousel named "highlights" under the headline (more than a Key Points box holds)', () => {
    const teaser = (i: number) =>
      `<li class="highlights__item"><a href="/2025/08/1${i}/story-${i}"><img src="/i/${i}.jpg" width="320" height="180" alt=""><span>Story ${i}: the week's talks, the markets' answer and what the region's leaders said about the deal that did not come.</span></a></li>`;
    const carousel = `<div class="video-highlights"><h2>Highlights</h2><ul>${Array.from({ length: 14 }, (_, i) => teaser(i)).join('')}</ul></div>`;
    const r = run(
      page(
        'https://news.example.com/2025/08/15/summit.html',
        `<article><h1>Summit ends without a deal</h1>${carousel}<div class="story">${body()}</div></article>`,
      ),
    );
    expect(r.hidden('.video-highlights')).toBe(true);
  });

  it('hides a long promotional box after the article though it names the author', () => {
    const promo = `<div class="author-promo"><p>Tom D's new book on the energy market is out now. ${'Order it today from any bookshop, read the first chapter free online, and join the tour: dates in every city this autumn, tickets on the site. '.repeat(6)}</p><a href="https://shop.example.com/book">Buy now</a></div>`;
    const r = run(
      page(
        'https://news.example.com/a.html',
        `<article><h1 class="title">Summit ends without a deal</h1><div class="source"><a href="/tom-d/" rel="author">Tom D</a></div><div class="group">${body()}</div></article>${promo}`,
      ),
      { extraSites: [{ host: 'news.example.com', rules: [{ kind: 'ad', selector: '.author-promo', reason: 'test' }] }] },
    );
    expect(r.hidden('.author-promo')).toBe(true);
  });

  it('hides a long box named like a caption that a site rule names (more than a caption holds)', () => {
    const stories = Array.from(
      { length: 8 },
      (_, i) =>
        `<li><a href="/2025/08/1${i}/story-${i}">Story ${i}: the week's talks, the markets' answer and what the region's leaders said about the deal</a></li>`,
    ).join('');
    const box = `<div class="caption-rail"><h2>In pictures this week</h2><ul>${stories}</ul><p>${'Every photograph of the summit, its talks and its protests, with the stories behind them. '.repeat(3)}</p></div>`;
    const r = run(
      page(
        'https://news.example.com/2025/08/15/summit.html',
        `<article><h1>Summit ends without a deal</h1><div class="story">${body(4)}${box}${body(4)}</div></article>`,
      ),
      { extraSites: [{ host: 'news.example.com', rules: [{ kind: 'related', selector: '.caption-rail', reason: 'test' }] }] },
    );
    expect(r.hidden('.caption-rail')).toBe(true);
  });

  it("hides an ad slot's small sponsor logo under the headline: too small to be the lead image", () => {
    const r = run(
      page(
        'https://news.example.com/2025/08/15/summit.html',
        `<article><h1>Summit ends without a deal</h1><div class="partner"><img src="/sponsor.png" width="120" height="60" alt="Presented by Example Bank"></div><div class="story">${body()}</div></article>`,
      ),
      { extraSites: [{ host: 'news.example.com', rules: [{ kind: 'ad', selector: '.partner', reason: 'test' }] }] },
    );
    expect(r.hidden('.partner')).toBe(true);
  });
});
