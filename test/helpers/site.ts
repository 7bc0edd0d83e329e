/**
 * Synthetic news sites for the learning tool's tests: N article pages of one site that share a
 * template (masthead, byline, share bar, ad slots, a sign-up box, a related-stories carousel,
 * footer) and differ in their article text, headline, story cards, where the ads sit, and in
 * per-page names a build tool generates (`css-…` hash classes, numeric ids) that a learned rule
 * must never use. Each site is drawn from a seeded generator: the same seed, the same site.
 */

/** Template blocks a learned rule must hide, each marked on the page by a test-only attribute. */
export const TEMPLATE_BLOCKS = { signup: 'newsletter', carousel: 'related', share: 'share', ad: 'ad' } as const;
export type TemplateBlock = keyof typeof TEMPLATE_BLOCKS;
/** The attribute naming a page's template block (tests find blocks by it; learning ignores it). */
export const BLOCK_ATTR = 'data-test-block';
/** The attribute naming template parts that must stay visible (navigation, byline, footer). */
export const KEEP_ATTR = 'data-test-keep';

export interface SiteOptions {
  host?: string;
  pages: number;
  seed?: number;
  /**
   * On these pages (by index), the article's paragraphs sit inside a box with the sign-up
   * box's class: the trap for the rule that would hide article text.
   */
  wrapParagraphs?: number[];
  /** Pages (by index) without the share bar. */
  withoutShare?: number[];
  /** Pages (by index) that declare no address (no canonical link, no og:url). */
  noUrl?: number[];
}

export interface SitePage {
  name: string;
  url: string;
  html: string;
  /** The article's paragraphs, as written. */
  paragraphs: string[];
}

const WORDS = (
  'council budget river school bridge library mayor district harbour station hospital market ' +
  'railway tunnel province teacher nurse farmer court ministry election ferry garden museum ' +
  'festival storm winter summer harvest engineer report inquiry funding contract road clinic'
).split(' ');
const VERBS = 'approved reviewed delayed questioned funded opened closed announced rejected planned'.split(' ');
const LINKS = 'a the its their several three new older local regional'.split(' ');

/** Mulberry32: a small seeded generator, enough for test pages. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticSite(opts: SiteOptions): SitePage[] {
  const host = opts.host ?? 'news.example.org';
  const rnd = random(opts.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const hex = () =>
    Math.floor(rnd() * 0xffffff)
      .toString(16)
      .padStart(6, '0');
  const sentence = () => {
    const n = int(10, 18);
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(i % 4 === 1 ? pick(VERBS) : i % 4 === 2 ? pick(LINKS) : pick(WORDS));
    const s = w.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const headline = () => {
    const s = Array.from({ length: int(6, 9) }, (_, i) => (i === 1 ? pick(VERBS) : pick(WORDS))).join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}`;
  };

  const pages: SitePage[] = [];
  for (let n = 0; n < opts.pages; n++) {
    const slug = `story-${n + 1}`;
    const url = `https://www.${host}/news/${slug}/`;
    const title = headline();
    const paragraphs = Array.from({ length: int(7, 10) }, () => Array.from({ length: int(3, 4) }, sentence).join(' '));
    // Generated per page: never part of a rule.
    const gen = () => `css-${hex()}`;
    const id = () => String(int(10000, 99999));

    const ad = () =>
      `<div class="c-unit ${gen()}" id="slot-${id()}" ${BLOCK_ATTR}="ad"><span class="c-unit__label">Advertisement</span><div class="c-unit__frame"></div></div>`;
    const signup = `<div class="c-box c-box--promo ${gen()}" id="promo-${id()}" ${BLOCK_ATTR}="signup">
      <h3>Get the morning briefing</h3><p>The day's top stories delivered to your inbox.</p>
      <form action="/subscribe"><input type="email" name="email" placeholder="Email address"><button type="submit">Sign up</button></form></div>`;
    const cards = Array.from({ length: int(3, 5) }, () => {
      const h = headline();
      return `<li class="card ${gen()}"><a href="/news/${h.toLowerCase().replace(/\W+/g, '-')}/"><img src="/img/${id()}.jpg" alt=""><h3 class="card__title">${h}</h3></a><span class="card__section">${pick(WORDS)}</span></li>`;
    });
    const carousel = `<section class="rail ${gen()}" ${BLOCK_ATTR}="carousel"><h2 class="rail__title">More stories</h2><ul class="rail__list">${cards.join('')}</ul></section>`;
    const share = opts.withoutShare?.includes(n)
      ? ''
      : `<div class="story-tools ${gen()}" id="tools-${id()}" ${BLOCK_ATTR}="share"><a href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}">Facebook</a> <a href="https://twitter.com/intent/tweet?url=${encodeURIComponent(url)}">X</a> <a href="mailto:?subject=${encodeURIComponent(title)}">Email</a></div>`;

    const body: string[] = [];
    const adAfter = new Set([int(1, 2), int(4, 6)]);
    const signupAfter = int(2, 4);
    paragraphs.forEach((p, i) => {
      body.push(`<p>${p}</p>`);
      if (adAfter.has(i)) body.push(ad());
      if (i === signupAfter) body.push(signup);
    });
    const text = opts.wrapParagraphs?.includes(n)
      ? // The trap: the article's paragraphs in a box with the sign-up box's class.
        `<div class="c-box c-box--text">${body.filter((b) => b.startsWith('<p>')).join('\n')}</div>${body.filter((b) => !b.startsWith('<p>')).join('\n')}`
      : body.join('\n');
    const head = opts.noUrl?.includes(n) ? '' : `<link rel="canonical" href="${url}"><meta property="og:url" content="${url}">`;
    const html = `<!doctype html><html><head><title>${title} | Example News</title>${head}</head><body class="${gen()}">
<header class="masthead" ${KEEP_ATTR}="masthead"><a class="masthead__logo" href="/">Example News</a>
<nav class="masthead__nav" ${KEEP_ATTR}="nav"><a href="/news/">News</a> <a href="/sport/">Sport</a> <a href="/culture/">Culture</a> <a href="/weather/">Weather</a></nav></header>
<main class="layout">
<article class="story" id="story-${id()}">
<h1 class="story__title">${title}</h1>
<div class="story__meta" ${KEEP_ATTR}="byline">By ${pick(['Ana Ortiz', 'Sam Lee', 'Kim Novak'])}, ${int(1, 28)} May 2025</div>
${share}
<div class="story__body">
${text}
</div>
</article>
${carousel}
</main>
<footer class="site-footer" ${KEEP_ATTR}="footer"><p>© Example News</p><a href="https://www.facebook.com/examplenews">Follow us on Facebook</a> <a href="https://twitter.com/examplenews">Follow us on X</a></footer>
</body></html>`;
    pages.push({ name: `${slug}.html`, url, html, paragraphs });
  }
  return pages;
}
