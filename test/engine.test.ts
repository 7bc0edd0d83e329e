import { describe, expect, it } from 'vitest';
import { analyze, hideBlocks, restoreAll, restoreBlock, setShown, HIDDEN_ATTR, STYLE_ID } from '../lib/engine/index';
import type { Detector } from '../lib/engine/find/detector';
import { detectors } from '../lib/engine/find/detectors/index';
import { notTextFilters } from '../lib/engine/text/index';
import { MAX_DEPTH } from '../lib/engine/page/index';
import { MAX_META_CHARS } from '../lib/engine/text/meta';
import { MAX_RATING_CHARS } from '../lib/engine/text/rating';
import { articlePage, docFrom, para } from './helpers/dom';

/** The article text with one not-text filter taken out: what it leaves out must then be in the text. */
const without = (id: string) => ({ filters: notTextFilters.filter((f) => f.id !== id) });

const prompt = `<div class="nl"><h3>Get our daily newsletter</h3><p>Sign up to get the day’s top stories in your inbox.</p><input type="email"><button>Sign up</button></div>`;

describe('analyze', () => {
  it('leaves the lines of an image box (caption, credit) out of the article text, not a table row or a quote beside a photo', () => {
    const box = `<div class="x1"><picture><img src="/a.jpg" width="900" height="600"></picture><div class="x2">Councillors leave the chamber after the vote</div><div class="x3">Getty Images</div></div>`;
    const row = `<table><tr><td><img src="/mead.png"></td><td>Mead</td><td>A fermented drink made from honey by the council's own beekeepers.</td></tr></table>`;
    const quote = `<blockquote class="card"><div><img src="/mayor.png"></div><div class="said">Our work is to build a budget that lasts for a generation.</div></blockquote>`;
    const { report } = analyze(docFrom(articlePage(box + row + quote)));
    expect(report.text).not.toContain('Councillors leave the chamber');
    expect(report.text).not.toContain('Getty Images');
    expect(report.text).toContain('A fermented drink made from honey');
    expect(report.text).toContain('Our work is to build a budget');
    expect(report.blocks).toHaveLength(0); // all of it stays on the page
  });

  it('leaves a pull quote out of the article text, once its sentence is in a paragraph, and keeps a quote said once', () => {
    const said = 'They have such anger and disdain and disgust that they cannot control it';
    const pull = `<blockquote class="Pullquote"><div>“${said}.”</div></blockquote>`;
    const own = `<blockquote class="cited"><p>A quote the article gives only here, from the mayor, about the budget and the roads.</p></blockquote>`;
    const page = articlePage(pull + own).replace('Paragraph 5 about the council:', `Paragraph 5 about the council: “${said},” she said, and`);
    const { report } = analyze(docFrom(page));
    expect(report.text.split(said).length - 1).toBe(1);
    expect(report.text).toContain('A quote the article gives only here');
    expect(report.blocks).toHaveLength(0); // on the page it stays
  });

  it('looks for blocks no deeper than MAX_DEPTH levels on a page nested deeper, and says so', () => {
    const bar = (id: string) =>
      `<div class="share-bar" id="${id}"><a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example.com%2Fa">Facebook</a> <a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fnews.example.com%2Fa">X</a></div>`;
    const levels = MAX_DEPTH + 100;
    const html = articlePage(bar('near'), { after: `${'<div class="wrap">'.repeat(levels)}${bar('deep')}${'</div>'.repeat(levels)}` });
    const doc = docFrom(html);
    const { report, elements } = analyze(doc);
    expect(report.notes).toContainEqual(
      expect.stringMatching(new RegExp(`^detectors looked ${MAX_DEPTH} levels deep: the page nests \\d+ levels \\(MAX_DEPTH\\)$`)),
    );
    const found = new Set(elements.values());
    expect(found.has(doc.getElementById('near')!)).toBe(true);
    expect(found.has(doc.getElementById('deep')!)).toBe(false);
  });

  it('never mutates the document it analyzes', () => {
    const doc = docFrom(articlePage(prompt));
    const before = doc.documentElement.outerHTML;
    analyze(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('reports blocks with id, kind, text, reason and rule, and the article without them', () => {
    const { report } = analyze(docFrom(articlePage(prompt)));
    expect(report.url).toBe('https://news.example.com/2025/council-budget');
    expect(report.host).toBe('news.example.com');
    expect(report.isArticle).toBe(true);
    expect(report.blocks).toHaveLength(1);
    const [b] = report.blocks;
    expect(b).toMatchObject({ kind: 'newsletter', rule: 'detector:newsletter' });
    expect(b.id).toMatch(/^newsletter-[0-9a-z]+$/);
    expect(b.text).toContain('Get our daily newsletter');
    expect(b.reason.length).toBeGreaterThan(5);
    expect(report.text).toContain('Paragraph 8 about the council');
    expect(report.text).not.toContain('daily newsletter');
    expect(report.timings.total).toBeGreaterThanOrEqual(report.timings.readability);
  });

  it('gives the same block the same id on every run', () => {
    const a = analyze(docFrom(articlePage(prompt))).report.blocks[0].id;
    const b = analyze(docFrom(articlePage(prompt))).report.blocks[0].id;
    expect(a).toBe(b);
  });

  it('records a detector that throws, and the others still run', () => {
    const broken: Detector = {
      id: 'broken',
      kind: 'ad',
      description: 'always fails',
      detect() {
        throw new Error('boom');
      },
    };
    const { report } = analyze(docFrom(articlePage(prompt)), { detectors: [broken, ...detectors] });
    expect(report.errors).toEqual([{ source: 'broken', message: 'boom' }]);
    expect(report.blocks.map((b) => b.kind)).toEqual(['newsletter']);
  });

  it('never hides article prose, even when a site rule names it', () => {
    const doc = docFrom(articlePage(prompt));
    const { report } = analyze(doc, {
      sites: [
        {
          host: 'news.example.com',
          rules: [
            { kind: 'ad', selector: '.story-body p', reason: 'too broad' },
            { kind: 'related', selector: 'article', reason: 'far too broad' },
          ],
        },
      ],
    });
    expect(report.blocks.filter((b) => b.rule.startsWith('site:'))).toEqual([]);
    expect(report.text).toContain('Paragraph 1 about the council');
  });

  it('applies matching site rules first, to the host and its subdomains only', () => {
    const site = { host: 'example.com', rules: [{ kind: 'related' as const, selector: '.nl', reason: 'a site rule' }] };
    const hit = analyze(docFrom(articlePage(prompt)), { sites: [site] }).report;
    expect(hit.site).toBe('example.com');
    expect(hit.blocks[0]).toMatchObject({ kind: 'related', rule: 'site:example.com .nl', reason: 'a site rule' });
    const miss = analyze(docFrom(articlePage(prompt)), { sites: [site], url: 'https://otherexample.com/x' }).report;
    expect(miss.site).toBeNull();
    expect(miss.blocks[0].kind).toBe('newsletter');
  });

  it('reports an invalid site-rule selector and goes on', () => {
    const { report } = analyze(docFrom(articlePage(prompt)), {
      sites: [{ host: 'news.example.com', rules: [{ kind: 'ad', selector: 'div[[[', reason: 'broken' }] }],
    });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].source).toBe('site:news.example.com');
    expect(report.errors[0].message).toMatch(/invalid selector "div\[\[\["/);
    expect(report.blocks.map((b) => b.kind)).toEqual(['newsletter']);
  });

  it('reports kept blocks but leaves them visible', () => {
    const first = analyze(docFrom(articlePage(prompt))).report.blocks[0];
    const doc = docFrom(articlePage(prompt));
    const analysis = analyze(doc, { keep: [first.id] });
    expect(analysis.report.blocks[0]).toMatchObject({ id: first.id, kept: true });
    expect(analysis.report.text).toContain('daily newsletter');
  });

  it('on a page that is no article, still finds a sign-up box (Readability\u2019s guess is not protected)', () => {
    const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/news/${i}">Story number ${i} of the day</a></li>`).join('');
    const { report } = analyze(
      docFrom(`<ul>${links}</ul><div class="nl"><p>Sign up for our newsletter</p><form><input type="email"><button>Subscribe</button></form></div>`),
    );
    expect(report.isArticle).toBe(false);
    expect(report.blocks.map((b) => b.kind)).toEqual(['newsletter']);
  });

  it('copes with odd pages: no body text, frameset-like markup, nothing to find', () => {
    for (const html of ['<html><head><title>x</title></head></html>', '<p>hi</p>', '<div><div><div></div></div></div>']) {
      const { report } = analyze(docFrom(html));
      expect(report.blocks).toEqual([]);
      expect(report.isArticle).toBe(false);
    }
  });
});

describe('blocks without text', () => {
  it('say what they show: an ad slot holding only a linked image gets its alt text and size', () => {
    const slot = `<div class="ad-slot" id="div-gpt-ad-1"><a href="https://ad.doubleclick.net/ddm/clk/1"><img src="https://tpc.googlesyndication.com/simgad/1.jpg" width="300" height="250" alt="Sponsored"></a></div>`;
    const frame = `<div class="ad-container"><iframe src="https://ads.example.net/slot" width="728" height="90" title="3rd party ad content"></iframe></div>`;
    const { report } = analyze(docFrom(articlePage(slot, { after: frame })));
    const ads = report.blocks.filter((b) => b.kind === 'ad');
    expect(ads.map((b) => b.media)).toEqual([
      { what: 'image', alt: 'Sponsored', width: 300, height: 250 },
      { what: 'frame', alt: '3rd party ad content', width: 728, height: 90 },
    ]);
    // A block with text is named by its text.
    const labelled = analyze(docFrom(articlePage(`<div class="ad-slot"><span>Advertisement</span><img src="/a.jpg" width="300" height="250"></div>`)));
    expect(labelled.report.blocks.find((b) => b.kind === 'ad')?.media).toBeUndefined();
  });
});

describe('hide and restore', () => {
  it('hides with one attribute per block and one stylesheet, and restores exactly', () => {
    const doc = docFrom(articlePage(prompt, { after: `<div class="c-ad"><span>Advertisement</span></div>` }));
    const before = doc.documentElement.outerHTML;
    const { report, elements } = analyze(doc);
    expect(hideBlocks(doc, elements)).toBe(report.blocks.length);
    expect(doc.querySelectorAll(`[${HIDDEN_ATTR}]`)).toHaveLength(report.blocks.length);
    expect(doc.querySelectorAll(`#${STYLE_ID}`)).toHaveLength(1);
    hideBlocks(doc, elements); // twice is the same as once
    expect(doc.querySelectorAll(`#${STYLE_ID}`)).toHaveLength(1);
    restoreAll(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('shows one block for a moment, and restores one block for good', () => {
    const doc = docFrom(articlePage(prompt, { after: `<div class="c-ad"><span>Advertisement</span></div>` }));
    const before = doc.documentElement.outerHTML;
    const { report, elements } = analyze(doc);
    hideBlocks(doc, elements);
    const [nl, ad] = report.blocks;
    expect(setShown(doc, nl.id, true)?.hasAttribute('data-declutter-show')).toBe(true);
    setShown(doc, nl.id, false);
    expect(restoreBlock(doc, nl.id)).toBe(true);
    expect(elements.get(nl.id)!.hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(doc.getElementById(STYLE_ID)).not.toBeNull();
    expect(restoreBlock(doc, ad.id)).toBe(true);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('article text', () => {
  it('leaves out what the markup or the usual hiding classes hide, and player fallback text', () => {
    const extra = `<div class="paywall hidden"><h2>Subscribers only</h2><p>Subscribe now to read the latest news in your city and across the country.</p></div>
      <span class="sr-only">Advertisement</span>
      <video class="player"><source src="/v.mp4"><p>To view this video please enable JavaScript.</p></video>`;
    const { report } = analyze(docFrom(articlePage(extra)));
    expect(report.text).toContain('Paragraph 4 about the council');
    expect(report.text).not.toMatch(/Subscribe now|Advertisement|enable JavaScript/);
  });

  it('finds the article inside a layout wrapper named like a sidebar, past a shorter box elsewhere', () => {
    const ps = Array.from({ length: 8 }, (_, i) => para(i + 1)).join('');
    const about = `<div class="site-about"><p>${'News Example is an independent newsroom covering the city, its council and its people. '.repeat(4)}</p></div>`;
    const html = `<!doctype html><html><head><title>Council votes</title></head><body>${about}
      <div class="o-row sidebar-layout"><div class="o-col"><h1>Council votes on budget</h1><div class="o-text">${ps}</div></div></div></body></html>`;
    const { report } = analyze(docFrom(html));
    expect(report.text).toContain('Paragraph 1 about the council');
    expect(report.text).toContain('Paragraph 8 about the council');
    // The same page with a plain name: the article was found the first time, and is the same.
    const plain = analyze(docFrom(html.replace('sidebar-layout', 'fixed-layout'))).report.text;
    expect(report.text).toBe(plain);
  });

  it('finds the article Readability cleans away (photo-heavy blocks), past a shorter box elsewhere', () => {
    const imgs = Array.from({ length: 9 }, (_, i) => `<img src="/p${i}.jpg">`).join('');
    const block = (from: number) => `<div class="media-block">${imgs}${[0, 1, 2, 3].map((i) => para(from + i)).join('')}</div>`;
    const about = `<div class="site-about"><p>${'News Example is an independent newsroom covering the city, its council and its people. '.repeat(4)}</p></div>`;
    const html = `<!doctype html><html><head><title>Council votes</title></head><body>${about}
      <div class="story"><h1>Council votes on budget</h1>${block(1)}${block(5)}</div></body></html>`;
    const { report } = analyze(docFrom(html));
    expect(report.text).toContain('Paragraph 1 about the council');
    expect(report.text).toContain('Paragraph 8 about the council');
  });

  it('keeps a table in figure markup in the article text, not its caption nor a photo figure', () => {
    const table = `<figure class="comparison"><table><tr><th>Fee</th><th>Amount</th></tr><tr><td>Card withdrawal</td><td>2.50 per withdrawal</td></tr></table><figcaption>Fees compared in May</figcaption></figure>`;
    const photo = `<figure><img src="/a.jpg"><figcaption>The council chamber at night</figcaption></figure>`;
    const { report } = analyze(docFrom(articlePage(table + photo)));
    expect(report.text).toContain('Card withdrawal');
    expect(report.text).not.toContain('Fees compared in May');
    expect(report.text).not.toContain('The council chamber at night');
  });

  it('keeps a hidden-class box that holds most of the page: a script may reveal it', () => {
    const body = articlePage('').replace('<div class="story-body">', '<div class="story-body hidden">');
    const { report } = analyze(docFrom(body));
    expect(report.text).toContain('Paragraph 8 about the council');
  });

  it('leaves the byline and the author bio out of the text, and on the page', () => {
    // Readability takes the byline apart itself; the bio, too long to be a byline, is in its article.
    const bio = `<div class="author-bio"><h3>About the author</h3><p>Jane Doe covers city hall and has reported on local politics for twelve years, after a decade at regional papers.</p></div>`;
    const html = articlePage('', { count: 8, at: 9 })
      .replace('</div></article>', `${bio}</div></article>`)
      .replace('<div class="story-body">', '<p class="byline">By Jane Doe · Posted June 4</p><div class="story-body">');
    const { report, article } = analyze(docFrom(html));
    expect(report.text).toContain('Paragraph 8 about the council');
    expect(report.text).not.toMatch(/Jane Doe|About the author/);
    expect(report.blocks).toEqual([]);
    expect(article?.textContent).toContain('About the author');
    expect(report.leftOut).toContainEqual({ filter: 'meta', text: expect.stringContaining('About the author') });
    expect(analyze(docFrom(html), without('meta')).report.text).toContain('About the author');
  });

  it('leaves a credit line under an image out of the text, and keeps a paragraph that opens with an image', () => {
    const note = `<p class="n1"><img src="/chart.png" alt="chart"><br><em>(Credit: Jane Roe / Example Agency)</em></p>
      <p class="n2"><img src="/icon.png" alt=""> <em>The members then voted</em> on the new budget for the roads, the library and the schools, after a long night of argument.</p>
      <p class="n3"><em class="copyright">© City Hall | John Poe</em></p>`;
    const { report } = analyze(docFrom(articlePage(note)));
    expect(report.text).not.toMatch(/Credit: Jane Roe|John Poe/);
    expect(report.text).toContain('The members then voted');
  });

  it('leaves out skip links and the title and duration of an embedded video player', () => {
    const player = `<div class="player-placeholder"><div class="video-item"><h3>Council meeting in two minutes</h3><span>14 hours ago</span><div>Duration 1:30</div></div></div>`;
    const doc = docFrom(articlePage(player).replace('<header>', '<a class="skip-to" href="#main">Skip to Content</a><header>'));
    const { report } = analyze(doc);
    expect(report.text).toContain('Paragraph 4 about the council');
    expect(report.text).not.toMatch(/Skip to Content|Council meeting in two minutes|Duration 1:30/);
  });
  it("leaves a comment section's notice out of the text, not the posts of a live commentary named the same", () => {
    // (Named so that Readability keeps it: `content` outweighs `comments` for it.)
    const closed = `<div class="entry-content-comments"><p>Comments are closed.</p></div>`;
    const page = articlePage('', { count: 8, at: 9 }).replace('</div></article>', `${closed}</div></article>`);
    expect(analyze(docFrom(page)).article?.textContent).toContain('Comments are closed');
    expect(analyze(docFrom(page)).report.text).not.toContain('Comments are closed');
    expect(analyze(docFrom(page)).report.leftOut).toContainEqual({ filter: 'comment-notice', text: 'Comments are closed.' });
    expect(analyze(docFrom(page), without('comment-notice')).report.text).toContain('Comments are closed');
    // (Named so that Readability keeps them: `content` and `body` outweigh `comment` for it.)
    const live = [
      'Kick-off in the rain at the ground, both sides start slowly.',
      'A corner for the home side, cleared by the keeper.',
      'Half-time: nothing between the sides.',
    ]
      .map((t) => `<div class="match-comment match-content"><div class="match-comment-body">${t}</div></div>`)
      .join('');
    const { report } = analyze(docFrom(articlePage(`<div class="live-blog">${live}</div>`)));
    expect(report.text).toContain('A corner for the home side, cleared by the keeper.');
    expect(report.text).toContain('Paragraph 8 about the council');
  });

  it('leaves the labels of show/hide controls, a table of contents and a rating widget out of the text', () => {
    const toc = `<div class="table-of-contents"><p class="toc-title">Contents</p><ul><li><a href="#a">The vote</a></li><li><a href="#b">The roads</a></li></ul></div>`;
    const extras = `${toc}<div class="sources"><div class="sources__toggle">Hide sources</div></div><div class="story-rating"><label>Rate this story</label></div>`;
    const html = articlePage(extras);
    const { report, article } = analyze(docFrom(html));
    expect(article?.textContent).toMatch(/The vote[^]*Hide sources[^]*Rate this story/);
    expect(report.text).not.toMatch(/Contents|The vote|Hide sources|Rate this story/);
    expect(report.text).toContain('Paragraph 4 about the council');
    expect(report.leftOut?.map((l) => l.filter)).toEqual(expect.arrayContaining(['contents', 'control-label', 'rating']));
    expect(analyze(docFrom(html), without('contents')).report.text).toContain('The vote');
    expect(analyze(docFrom(html), without('control-label')).report.text).toContain('Hide sources');
    expect(analyze(docFrom(html), without('rating')).report.text).toContain('Rate this story');
    // A heading's anchor named for the contents is the article's own heading.
    const heading = `<h2><span class="ez-toc-section" id="the-vote"></span>How the members voted</h2>`;
    expect(analyze(docFrom(articlePage(heading))).report.text).toContain('How the members voted');
  });

  it("keeps a panel's takes in the text, each in a box named for its author: longer than a byline or a bio", () => {
    const take = (who: string, topic: string) =>
      `<section class="c-panel__author-view"><h3>${who}</h3><p>${who} argues that the council should spend the money on ${topic} first, because the need there is greatest and the cost only grows each year it waits. The last budget put ${topic} behind the ring road, ${who} says, and residents have paid for that choice in time, in money and in patience ever since. Borrowing for ${topic} now, at today's rates, would cost less than repairs later; ${who} points to the neighbouring county, which did so in 2019.</p><p>Critics say ${topic} can wait, but ${who} answers that every delay has so far made the bill larger, and that the members know it. If the council will not act, ${who} concludes, it should at least say so plainly to the people who voted for a plan that promised ${topic}. That, in the end, is the test of this budget for ${who}: whether ${topic} is still a promise, or only a line in a speech. The vote on ${topic} is expected next month.</p></section>`;
    const panel = [
      take('Ann Smith', 'the library'),
      take('Bob Jones', 'the roads'),
      take('Cara Lee', 'the schools'),
      take('Dev Patel', 'the buses'),
      take('Eve Moss', 'the parks'),
    ].join('');
    const doc = docFrom(articlePage('', { count: 3, at: 9 }).replace('</div></article>', `${panel}</div></article>`));
    expect(doc.querySelector('.c-panel__author-view')!.textContent!.length).toBeGreaterThan(MAX_META_CHARS);
    const { report } = analyze(doc);
    for (const who of ['Ann Smith', 'Bob Jones', 'Eve Moss']) expect(report.text).toContain(`${who} argues that the council`);
    expect(report.leftOut?.filter((l) => l.filter === 'meta')).toEqual([]);
  });

  it("keeps a review's verdict in the text, though it sits in the rating box beside the stars", () => {
    const verdict =
      'Verdict: a slow start, then two hours that never let go; the best film the director has made, and the best part its lead actor has had in years.';
    const box = `<div class="review-rating"><span class="stars" aria-label="4 out of 5">★★★★☆</span><p>${verdict}</p></div>`;
    const { report } = analyze(docFrom(articlePage('', { count: 8, at: 9 }).replace('</div></article>', `${box}</div></article>`)));
    expect(verdict.length).toBeGreaterThan(MAX_RATING_CHARS);
    expect(report.text).toContain(verdict);
  });

  it('hides an advertising disclosure in the body of the article, though it reads like a paragraph', () => {
    const disclosure = `<p class="ad-disclosure">Advertising disclosure: We may receive compensation for some of the links in our stories. Thank you for supporting us and our advertisers.</p>`;
    const { report } = analyze(docFrom(articlePage('', { count: 8, at: 9 }).replace('</div></article>', `${disclosure}</div></article>`)));
    expect(report.text).not.toContain('Advertising disclosure');
    expect(report.blocks.map((b) => [b.kind, b.text.slice(0, 22)])).toContainEqual(['ad', 'Advertising disclosure']);
    expect(report.text).toContain('Paragraph 8 about the council');
  });
  it('leaves out a heading with nothing of the article under it, and keeps the section headings', () => {
    const middle = `<h2>How the members voted</h2>${para(20)}<h3>More on this</h3><h2>What comes next</h2>${para(21)}`;
    const { report } = analyze(docFrom(articlePage(middle, { at: 4 }).replace('</div></article>', '<h2>Contact the newsroom</h2></div></article>')));
    expect(report.text).toContain('How the members voted');
    expect(report.text).toContain('What comes next');
    expect(report.text).toContain('Paragraph 21 about the council');
    expect(report.text).not.toMatch(/More on this|Contact the newsroom/);
  });
  it("leaves the article's date line out of the text", () => {
    const html = articlePage('').replace('<div class="story-body">', '<div class="story-body"><div class="article__date">Publication: 12.05.2025 10:00</div>');
    const { report, article } = analyze(docFrom(html));
    expect(article?.textContent).toContain('Publication: 12');
    expect(report.text).toContain('Paragraph 8 about the council');
    expect(report.text).not.toContain('Publication: 12');
    expect(report.leftOut).toContainEqual({ filter: 'meta', text: 'Publication: 12.05.2025 10:00' });
    expect(analyze(docFrom(html), without('meta')).report.text).toContain('Publication: 12');
  });
});
