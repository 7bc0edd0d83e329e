/**
 * The clutter families a reader meets on news pages (share and follow bars, ad placeholders,
 * whole sign-up boxes, in-article story boxes), each in its site's kind of markup, and the traps
 * beside them that must stay.
 */
import { describe, expect, it } from 'vitest';
import { articlePage } from './helpers/dom';
import { run } from './helpers/run';

const SVG = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M0 0h24v24H0z"></path></svg>';

describe('share and follow bars', () => {
  it('hides a row of icon-only buttons named by aria-label above the article (share, listen, comment, save)', () => {
    const r = run(
      articlePage('', {
        top: `<div class="article-tools"><button aria-label="Share">${SVG}</button><button aria-label="Listen to article">${SVG}</button><button aria-label="Comment">${SVG}</button><button aria-label="Save">${SVG}</button></div>`,
      }),
    );
    expect(r.hidden('.article-tools')).toBe(true);
  });

  it('hides a follow row with its label inside the article', () => {
    const r = run(
      articlePage(`<div class="follow-row"><span>Follow Us</span>
        <a href="https://twitter.com/newsexample">twitter</a> <a href="https://www.instagram.com/newsexample/">instagram</a>
        <a href="https://www.youtube.com/@newsexample">youtube</a> <a href="https://www.facebook.com/newsexample">facebook</a></div>`),
    );
    expect(r.hidden('.follow-row')).toBe(true);
    expect(r.kindOf('.follow-row')).toBe('share');
  });

  it('hides a "Social media links" box of profile links', () => {
    const r = run(
      articlePage(`<section class="box"><h4>Social media links</h4><ul><li><a href="https://www.facebook.com/newsexample">FB</a></li>
        <li><a href="https://www.linkedin.com/company/newsexample">Linkedin</a></li><li><a href="https://x.com/newsexample">Twitter</a></li></ul></section>`),
    );
    expect(r.hidden('.box')).toBe(true);
  });

  it('hides one "Share this on WhatsApp" link standing alone', () => {
    const r = run(articlePage(`<p class="wa"><a href="https://api.whatsapp.com/send?text=Council%20votes">Share this on WhatsApp</a></p>`));
    expect(r.hidden('.wa')).toBe(true);
  });

  it("hides WordPress Jetpack's share box and its Like box", () => {
    const jetpack = (n: string) =>
      `<li class="share-${n}"><a rel="nofollow noopener noreferrer" data-shared="sharing-${n}-12" class="share-${n} sd-button share-icon" href="https://news.example.com/2025/council-budget/?share=${n}" target="_blank" title="Click to share on ${n}"><span>${n}</span><span class="sharing-screen-reader-text">Click to share on ${n} (Opens in new window)</span></a></li>`;
    const r = run(
      articlePage('', {
        after: `<div id="jp-post-flair" class="sharedaddy sd-like-enabled sd-sharing-enabled"><div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>${['Facebook', 'Twitter', 'Email', 'Pinterest', 'LinkedIn', 'WhatsApp', 'Reddit'].map(jetpack).join('')}<li class="share-end"></li></ul></div></div></div>
        <div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded" id="like-post-wrapper-1-2-3" data-name="like-post-frame-1-2-3"><h3 class="sd-title">Like this:</h3><div class="likes-widget-placeholder post-likes-widget-placeholder" style="height: 55px;"><span class="button"><span>Like</span></span> <span class="loading">Loading...</span></div><span class="sd-text-color"></span><a class="sd-link-color"></a></div></div>`,
      }),
    );
    expect(r.hidden('.sd-sharing')).toBe(true);
    expect(r.hidden('.sd-like')).toBe(true);
  });

  it('hides a share counter with its buttons ("195 Shares Share Tweet")', () => {
    const r = run(
      articlePage('', {
        top: `<div class="post-meta-share"><div class="count"><span class="number">195</span><span class="label">Shares</span></div><a class="fb" href="https://www.facebook.com/sharer.php?u=https%3A%2F%2Fnews.example.com%2F">Share</a><a class="tw" href="https://twitter.com/intent/tweet?text=Council">Tweet</a></div>`,
      }),
    );
    expect(r.hidden('.post-meta-share')).toBe(true);
  });

  it("keeps the author's social links in a bio and a list of links that is part of the story", () => {
    const r = run(
      articlePage(
        `<p>Where to follow the count tonight:</p><ul class="story-links"><li><a href="https://www.elections.example.org/results">Elections office results page</a></li><li><a href="https://x.com/cityclerk">The city clerk on X</a></li><li><a href="https://www.youtube.com/@citycouncil">The council's live stream</a></li></ul>`,
        {
          after: `<div class="author-card"><p class="name">Jane Doe</p><p>Jane Doe covers city hall.</p><a href="https://x.com/janedoe">X</a> <a href="https://www.instagram.com/janedoe">Instagram</a></div>`,
        },
      ),
    );
    expect(r.hidden('.story-links')).toBe(false);
    expect(r.hidden('.author-card')).toBe(false);
  });

  it("keeps a list of the story's own links to social profiles, a tip line mailed to the newsroom, and a menu holding a share and a profile link", () => {
    const r = run(
      articlePage(
        `<ul class="sources"><li><a href="https://x.com/cityclerk">The city clerk's account on X</a></li><li><a href="https://www.youtube.com/@citycouncil">The council's live stream</a></li></ul>
        <p class="tip"><a href="mailto:tips@news.example.com?subject=Budget">Send us a tip</a></p>`,
        {
          after: `<div class="more-links"><a href="/about">About</a><a href="/contact">Contact</a><a href="/jobs">Jobs</a><a href="/archive">Archive</a><a href="https://x.com/newsexample">X</a><a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example.com%2F">Recommend us</a></div>`,
        },
      ),
    );
    expect(r.hidden('.sources')).toBe(false);
    expect(r.hidden('.tip')).toBe(false);
    expect(r.hidden('.more-links')).toBe(false);
  });

  it("keeps an author's social links beside the byline", () => {
    const r = run(
      articlePage('', {
        top: `<div class="article-byline"><span class="name">By Jane Doe</span><div class="links"><a href="https://x.com/janedoe">X</a><a href="https://www.linkedin.com/in/janedoe">in</a></div></div>`,
      }),
    );
    expect(r.hidden('.article-byline .links')).toBe(false);
  });
});

describe('ad placeholders', () => {
  it('hides "Advertisement" and "Story continues below" labels and the not-loaded notice', () => {
    const r = run(
      articlePage(
        `<div class="x1"><p>Advertisement</p></div><div class="x2"><span>Story continues below</span></div><div class="x3"><p>This advertisement has not loaded yet, but your article continues below.</p></div><div class="x4"><div>ADVERTISEMENT</div></div>`,
      ),
    );
    for (const s of ['.x1', '.x2', '.x3', '.x4']) expect(r.hidden(s), s).toBe(true);
  });

  it('hides an empty ad gap held open by its height at the top of the article', () => {
    const r = run(
      articlePage('', {
        top: `<div id="top-slot" data-slot-type="banner" style="min-height:250px"><div id="google_ads_iframe_/1/top_0__container__"></div></div>`,
      }),
    );
    expect(r.hidden('#top-slot')).toBe(true);
  });
});

describe('sign-up boxes, whole', () => {
  it('hides a sign-up aside with its kicker, blurb, form and fine print', () => {
    const r = run(
      articlePage(`<aside class="inline-box"><p class="kicker">The Morning Ledger</p><p>Sign up to get the day's most important local stories delivered to your inbox every weekday morning.</p>
        <form action="/subscribe"><input type="email" name="email" placeholder="Your email"><button type="submit">Subscribe</button></form><p class="fine">You can unsubscribe at any time.</p></aside>`),
    );
    expect(r.hidden('.inline-box')).toBe(true);
    expect(r.kindOf('.inline-box')).toBe('newsletter');
  });

  it('hides a sign-up box with no email field: a heading, a line and a "Join free" link', () => {
    const r = run(
      articlePage(
        `<div class="promo-card"><h3>The Riverside Brief</h3><p>Every story that matters in Riverside, before your first coffee.</p><a class="btn" href="https://news.example.com/newsletters/riverside-brief">Join free</a></div>`,
      ),
    );
    expect(r.hidden('.promo-card')).toBe(true);
  });

  it('keeps an article paragraph about a newsletter, and a call for tips in the text', () => {
    const r = run(
      articlePage(
        `<p class="nl">The council's own newsletter, which residents can sign up for at city hall, announced the vote a week ago and drew hundreds of emails.</p><p class="tips">Share your story with us: if the budget changes your street, email <a href="mailto:tips@news.example.com">tips@news.example.com</a>.</p>`,
      ),
    );
    expect(r.hidden('.nl')).toBe(false);
    expect(r.hidden('.tips')).toBe(false);
  });
});

describe('in-article story boxes', () => {
  const story = (n: number) =>
    `<li><a href="https://news.example.com/2025/other-story-${n}"><img src="/t${n}.jpg" alt=""><span>Other story number ${n} that people are reading</span></a></li>`;
  it('hides a "More Trending" box of four stories mid-article', () => {
    const r = run(articlePage(`<div class="trending-box"><h2>More Trending</h2><ul>${[1, 2, 3, 4].map(story).join('')}</ul></div>`));
    expect(r.hidden('.trending-box')).toBe(true);
  });
  it('hides an "Up Next" widget', () => {
    const r = run(
      articlePage(
        `<div class="widget-x"><span>Up Next</span><a href="https://news.example.com/2025/next-story">The next story everyone is reading today</a></div>`,
      ),
    );
    expect(r.hidden('.widget-x')).toBe(true);
  });
  it('hides a "RELATED:" video teaser at the top of the article', () => {
    const r = run(
      articlePage('', {
        top: `<p class="teaser"><strong>RELATED: <a href="https://news.example.com/video/12345/council-budget-explained">Council budget explained in two minutes</a></strong></p>`,
      }),
    );
    expect(r.hidden('.teaser')).toBe(true);
  });
});

describe('sign-up boxes in the page footer', () => {
  it("hides the footer's newsletter box with its heading, and keeps the footer's menu link and the masthead's Subscribe button", () => {
    const r = run(
      articlePage('')
        .replace('<nav>', '<nav><a class="sub" href="https://news.example.com/subscribe">Subscribe</a>')
        .replace(
          '<footer>',
          `<footer><div class="footer-sections"><div class="footer-section tips"><h4>News Tips</h4><p>Got a confidential news tip? We want to hear from you.</p><a href="https://news.example.com/tips/">Get In Touch</a></div><div class="footer-section nl"><h4>Newsletters</h4><p>Sign up for free newsletters and get more of our journalism delivered to your inbox</p><a href="https://news.example.com/sign-up-for-newsletters/">Sign Up Now</a></div></div>
          <ul class="footer-menu"><li><a href="https://news.example.com/newsletters">Newsletters</a></li><li><a href="https://news.example.com/about">About us</a></li><li><a href="https://news.example.com/contact">Contact</a></li></ul>`,
        ),
    );
    expect(r.hidden('footer .nl')).toBe(true);
    expect(r.hidden('footer .tips')).toBe(false);
    expect(r.hidden('footer .footer-menu')).toBe(false);
    expect(r.hidden('nav .sub')).toBe(false);
  });
});

describe('menus are not sign-up boxes', () => {
  it('keeps a drawer menu of links and buttons that ends in "Newsletters"', () => {
    // Sections open with a button; a few items are links.
    const item = (name: string, i: number) =>
      i % 3 === 0
        ? `<div class="nav-item"><a href="https://news.example.com/${name.toLowerCase()}"><button>${name}</button></a></div>`
        : `<div class="nav-item"><button>${name}</button></div>`;
    const r = run(
      articlePage('', {
        after: `<div class="drawer">${['Home', 'News', 'Sport', 'Business', 'Culture', 'Travel', 'Earth', 'Video', 'Live', 'Weather', 'Newsletters'].map(item).join('')}</div>`,
      }),
    );
    expect(r.hidden('.drawer')).toBe(false);
  });
});

describe("the article's tags", () => {
  it('hides a small <nav> of topic tags after the article with its label, and keeps the site navigation', () => {
    const r = run(
      articlePage('', {
        after: `<div class="post-links"><div class="label">TOPICS</div><nav class="tags"><a href="https://news.example.com/tag/council">Council</a> <a href="https://news.example.com/tag/budget">Budget</a></nav></div>`,
      }).replace('<nav><a href="/">Home</a>', '<nav><a href="/tag/local">Local</a> <a href="/">Home</a>'),
    );
    expect(r.hidden('nav.tags')).toBe(true);
    expect(r.kindOf('nav.tags')).toBe('related');
    expect(r.hidden('header nav')).toBe(false);
  });

  it('keeps a section menu after the article whose links are category pages', () => {
    const sections = ['News', 'Local', 'World', 'Politics', 'Business', 'Sport', 'Culture', 'Opinion', 'Video', 'Podcasts'];
    const r = run(
      articlePage('', {
        after: `<nav class="sections">${sections.map((s) => `<a href="https://news.example.com/category/${s.toLowerCase()}">${s}</a>`).join(' ')}</nav>`,
      }),
    );
    expect(r.hidden('nav.sections')).toBe(false);
  });
});

describe('guards of the new families', () => {
  it("hides a list of icon buttons one of which shares, and keeps an uncaptioned photo's own buttons", () => {
    const r = run(
      articlePage(
        `<figure class="pic"><img src="/p.jpg" width="800" height="500" alt="The chamber"><button aria-label="Share this image">${SVG}</button><button aria-label="Enlarge">${SVG}</button></figure>`,
        {
          top: `<ul class="tools"><li><button aria-label="Share">${SVG}</button></li><li><button aria-label="Save">${SVG}</button></li><li><button aria-label="Comment">${SVG}</button></li></ul>`,
        },
      ),
    );
    expect(r.hidden('ul.tools')).toBe(true);
    expect(r.hidden('figure.pic')).toBe(false);
  });

  it("keeps a chart's own row under it, its link to more charts and its icon button that shares the chart", () => {
    const chart = `<figure class="embed embed--chart"><div class="embed__wrapper"><iframe src="https://charts.example.net/aB3x/2/" title="Council spending by year" height="420"></iframe></div><div class="chart__explore"><div class="chart__explore-link"><a href="/charts/">Explore charts &gt;&gt;</a></div><button class="chart__share" aria-label="Share this chart">${SVG}</button></div></figure>`;
    const r = run(articlePage(chart));
    expect(r.hidden('.chart__explore')).toBe(false);
  });

  it('keeps a <nav> of topic links in the page footer, after the article', () => {
    const r = run(
      articlePage('').replace(
        '<footer>',
        '<footer><nav class="foot-tags"><a href="https://news.example.com/tag/council">Council</a> <a href="https://news.example.com/tag/budget">Budget</a></nav>',
      ),
    );
    expect(r.hidden('nav.foot-tags')).toBe(false);
  });

  it("keeps a breadcrumb <nav> of topic links inside the article's body: not after its text", () => {
    const crumbs = `<nav class="breadcrumb" aria-label="Breadcrumb"><a href="https://news.example.com/topics/politics">Politics</a> › <a href="https://news.example.com/topics/council">Council</a></nav>`;
    const r = run(articlePage('').replace('<div class="story-body">', `<div class="story-body">${crumbs}`));
    expect(r.hidden('nav.breadcrumb')).toBe(false);
  });

  it('keeps a box whose long link to the newsletters page is a sentence, not a button', () => {
    const r = run(
      articlePage(
        `<div class="note"><h4>About this story</h4><a href="https://news.example.com/newsletters/about">How our editors choose the stories that go into each morning's edition</a></div>`,
      ),
    );
    expect(r.hidden('.note')).toBe(false);
  });

  it("keeps a box that links a newsletter's issue by its headline: a sign-up button is a word or three", () => {
    const r = run(
      articlePage(
        `<div class="pick"><h4>Editor's pick</h4><p>The story we led with in this morning's edition, with the numbers behind it.</p><a href="https://news.example.com/newsletters/2024/05/02/morning-briefing">Why renters get less help from the council than owners</a></div>`,
      ),
    );
    expect(r.hidden('.pick')).toBe(false);
  });

  it('keeps a short "about us" column of the page footer that links the newsletters: a sign-up box there says what it offers', () => {
    const r = run(
      articlePage('').replace(
        '<footer>',
        '<footer><div class="foot-about"><h4>About us</h4><p>Local news since 1921. Join us.</p><a href="https://news.example.com/newsletters">Newsletters</a></div>',
      ),
    );
    expect(r.hidden('.foot-about')).toBe(false);
  });

  it('keeps a click-to-tweet quote of the story: a link that shares the page but reads as a sentence', () => {
    const r = run(
      articlePage(
        `<div class="click-to-tweet"><a href="https://twitter.com/intent/tweet?text=Libraries%20are%20the%20last%20free%20rooms%20in%20town&amp;url=https%3A%2F%2Fnews.example.com%2F2025%2Fcouncil-budget">“Libraries are the last free rooms in town, and the budget closes three of them,” the librarian said.</a></div>`,
      ),
    );
    expect(r.hidden('.click-to-tweet')).toBe(false);
  });
});
