/**
 * Property-based fuzzing of the engine with fast-check: random article-like and malformed pages,
 * parsed with linkedom. fast-check picks a new random seed on every run and prints the seed and the
 * shrunk counter-example when a property fails; replay one with
 * `fc.assert(prop, { seed, path })` (never commit a fixed seed to make a run pass).
 *
 * Documents per run: FUZZ_RUNS.soup + FUZZ_RUNS.article + FUZZ_RUNS.roundtrip (≥ 2,000); besides,
 * FUZZ_RUNS.cli pages through the CLI's output path (lib's analyze, hide, the page's visible text,
 * the JSON line), and FUZZ_RUNS.deep pages nested 8,000–12,000 levels deep (past the ~7,000 a
 * recursive walk of the DOM survives on Node's stack) through it too.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/analyze';
import { collapse } from '../lib/engine/page/dom';
import { HIDDEN_ATTR, hideBlocks, restoreAll } from '../lib/engine/apply/hide';
import { parseDocument, stripPage } from '../scripts/page';

const FUZZ_RUNS = { soup: 900, article: 700, roundtrip: 500, cli: 300, deep: 4 };
const TIMEOUT = 120_000;

// ---------------------------------------------------------------- text

const WORDS = [
  'council',
  'budget',
  'river',
  'mayor',
  'library',
  'evening',
  'voted',
  'residents',
  'report',
  'flooding',
  'the',
  'a',
  'of',
  'and',
  'to',
  'in',
  'on',
  'after',
  'before',
  'during',
  'weeks',
  'months',
  'road',
  'school',
  'minister',
  'announced',
  'plans',
  'funding',
  'hospital',
  'winter',
  'storm',
  'police',
  'court',
  'judge',
  'café',
  'naïve',
  'Zürich',
  'São',
  'Paulo',
  '東京',
  'Москва',
  'مرحبا',
  'emoji😀',
  'O’Brien',
  '“quoted”',
  'AT&T',
  'x<y',
  'a>b',
  '"double"',
  "'single'",
  'R&D',
  '5%',
  '$300',
  '—',
  'e.g.',
  'U.S.',
];
/** Words a boilerplate block says (so detectors fire on the junk). */
const BOILER = [
  'Sign up for our newsletter',
  'Subscribe',
  'Advertisement',
  'Story continues below advertisement',
  'Read more',
  'Related stories',
  'Share on Facebook',
  'Share',
  'Tweet',
  'Email',
  'More from News',
  'Trending now',
  'Get the latest headlines in your inbox',
  'Photo: Jane Doe / Reuters',
  'You might also like',
  'Sponsored',
];
const CLASSES = [
  'newsletter',
  'signup',
  'nl-box',
  'related',
  'related-stories',
  'read-more',
  'ad',
  'ad-slot',
  'c-ad',
  'adsbygoogle',
  'share',
  'social-share',
  'caption',
  'credit',
  'promo',
  'story-body',
  'article__content',
  'container',
  'row',
  'col-6',
  'headline',
  'teaser',
  'card',
  'widget',
  'sidebar',
  'footer',
  'InlineImage-imageEmbedCaption',
  'x',
  'ñ-ü',
  '😀',
  '',
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;');

const word = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }) },
);
/** A sentence: 8–18 words, a capital and a full stop. */
const sentence = fc.array(word, { minLength: 8, maxLength: 18 }).map((ws) => {
  const s = ws.join(' ').replace(/\s+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
});
/** Plain text for an article paragraph: 2–5 sentences. */
const paragraphText = fc.array(sentence, { minLength: 2, maxLength: 5 }).map((ss) => ss.join(' '));
/** Text for junk: words, boilerplate phrases, or raw (unescaped) markup characters. */
const junkText = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 10 }).map((ws) => esc(ws.join(' '))),
  fc.constantFrom(...BOILER).map(esc),
  fc.constantFrom('<', '&', '& ', '&amp', '&bogus;', '&#x1F600;', '&#0;', '"', "'", '<<>>', 'a < b && c > d', '\u00a0', '\u200b', '\u202e', '\ufeff'),
);

// ---------------------------------------------------------------- attributes

const attr = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...CLASSES).map((c) => `class="${escAttr(c)}"`) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...CLASSES), { minLength: 2, maxLength: 4 }).map((cs) => `class="${escAttr(cs.join(' '))}"`) },
  { weight: 1, arbitrary: fc.constantFrom(...CLASSES).map((c) => `id="${escAttr(c)}"`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'hidden',
      'aria-hidden="true"',
      'role="dialog"',
      'role="navigation"',
      'role="button"',
      'role="main"',
      'role="heading"',
      'style="display:none"',
      'style="visibility: hidden"',
      'data-x="a\'b"',
      "data-y='a\"b'",
      'data-z=unquoted',
      'x:y="1"',
      'class',
      'class=""',
      'class="a" class="b"',
      'href="javascript:alert(1)"',
      'onclick="alert(1)"',
      'aria-modal="true"',
      'data-attr="<p>not a tag</p>"',
      'title="&amp;&lt;&quot;"',
      'lang="ar" dir="rtl"',
      'id="declutter-style"',
    ),
  },
);
const attrs = fc.array(attr, { maxLength: 3 }).map((as) => (as.length ? ' ' + as.join(' ') : ''));

// ---------------------------------------------------------------- junk elements

/** A balanced HTML fragment of boilerplate-ish or random elements. */
const { junk } = fc.letrec<{ junk: string; kids: string }>((tie) => ({
  kids: fc.array(tie('junk'), { maxLength: 4 }).map((ks) => ks.join('')),
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junkText,
    fc
      .tuple(fc.constantFrom('div', 'section', 'aside', 'span', 'header', 'footer', 'nav', 'main', 'article', 'blockquote', 'details'), attrs, tie('kids'))
      .map(([t, a, k]) => `<${t}${a}>${k}</${t}>`),
    fc
      .tuple(attrs, fc.array(fc.tuple(attrs, junkText, fc.boolean()), { minLength: 1, maxLength: 6 }), fc.boolean())
      .map(
        ([a, items, ordered]) =>
          `<${ordered ? 'ol' : 'ul'}${a}>${items.map(([ia, t, link]) => `<li${ia}>${link ? `<a href="/story/${t.length}">${t}</a>` : t}</li>`).join('')}</${ordered ? 'ol' : 'ul'}>`,
      ),
    fc.tuple(attrs, junkText).map(([a, t]) => `<a href="https://example.com/x?a=1&amp;b=2"${a}>${t}</a>`),
    fc
      .tuple(attrs, junkText)
      .map(([a, t]) => `<form${a}><label>${t}</label><input type="email" placeholder="you@example.com"><button>Subscribe</button></form>`),
    fc.tuple(attrs, fc.constantFrom('text', 'email', 'checkbox', 'hidden', 'submit')).map(([a, t]) => `<input type="${t}"${a}>`),
    fc
      .tuple(attrs, junkText, junkText)
      .map(
        ([a, c, cr]) =>
          `<figure${a}><img src="https://img.example.com/p.jpg" alt="${escAttr(c)}"><figcaption>${c} <span class="credit">${cr}</span></figcaption></figure>`,
      ),
    fc.tuple(fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5', 'h6'), attrs, junkText).map(([h, a, t]) => `<${h}${a}>${t}</${h}>`),
    fc
      .tuple(attrs, fc.array(fc.array(junkText, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }))
      .map(([a, rows]) => `<table${a}><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`),
    fc.tuple(attrs, junkText).map(([a, t]) => `<p${a}>${t}</p>`),
    fc.tuple(attrs, junkText).map(([a, t]) => `<button${a}>${t}</button>`),
    fc.constantFrom(
      '<script>var s = "</div><p>";</script>',
      '<style id="declutter-style">.x{}</style>',
      '<style>.x{color:red}</style>',
      '<noscript><p>Enable JS</p></noscript>',
      '<svg><path d="M0 0"/></svg>',
      '<iframe src="https://ads.example.com"></iframe>',
      '<br>',
      '<hr>',
      '<template><p>tpl</p></template>',
      '<!-- a comment -->',
    ),
  ),
}));

/** Malformed markup: unclosed or stray tags, broken comments, bare angle brackets. */
const malformed = fc.oneof(
  fc
    .constantFrom('div', 'p', 'ul', 'li', 'table', 'td', 'tr', 'a', 'form', 'span', 'figure', 'h2', 'b', 'i', 'select', 'textarea', 'title', 'option', 'dialog')
    .map((t) => `<${t}>`),
  fc.constantFrom('div', 'p', 'li', 'table', 'a', 'body', 'html', 'article', 'form').map((t) => `</${t}>`),
  fc.constantFrom(
    '<!--',
    '-->',
    '<!doctype html>',
    '<![CDATA[x]]>',
    '<?xml version="1.0"?>',
    '<div class="a',
    '<a href=">',
    '< div>',
    '<div/>',
    '<p<p>',
    '<body class="x">',
    '<html>',
    '<head><title>t</title></head>',
  ),
  fc.string({ maxLength: 30, unit: fc.constantFrom('<', '>', '/', '"', "'", '=', '&', ';', '#', ' ', 'a', 'p', 'div', '\n', '!', '-') }),
);

const para = paragraphText;
const title = fc.oneof(fc.constant('Council votes on budget'), junkText);

/** An article page: N generated paragraphs in an <article>, junk around and between them, all balanced. */
const articlePage = fc
  .record({
    title,
    paragraphs: fc.uniqueArray(para, { minLength: 0, maxLength: 8, selector: (p) => collapse(p) }),
    before: fc.array(junk, { maxLength: 4 }),
    between: fc.array(fc.tuple(fc.nat(8), junk), { maxLength: 4 }),
    after: fc.array(junk, { maxLength: 4 }),
    wrappers: fc.array(attrs, { maxLength: 2 }),
    articleAttrs: attrs,
  })
  .map((r) => {
    const inside: string[] = [];
    r.paragraphs.forEach((p, i) => {
      inside.push(`<p>${esc(p)}</p>`);
      for (const [at, j] of r.between) if (at === i) inside.push(j);
    });
    let art = `<article${r.articleAttrs}><h1>${esc(r.title)}</h1>${inside.join('\n')}</article>`;
    for (const w of r.wrappers) art = `<div${w}>${art}</div>`;
    const html = `<!doctype html><html><head><title>${esc(r.title)}</title></head><body>${r.before.join('')}${art}${r.after.join('')}</body></html>`;
    return { html, paragraphs: r.paragraphs };
  });

/** Anything: article-ish, junk and malformed fragments in random order, maybe without html/body. */
const soupPage = fc
  .record({
    parts: fc.array(
      fc.oneof({ weight: 3, arbitrary: junk }, { weight: 2, arbitrary: malformed }, { weight: 2, arbitrary: para.map((p) => `<p>${esc(p)}</p>`) }),
      { maxLength: 14 },
    ),
    shell: fc.constantFrom('full', 'nobody', 'bare', 'frameset'),
  })
  .map(({ parts, shell }) => {
    const b = parts.join('');
    if (shell === 'full') return `<!doctype html><html><head><title>t</title></head><body>${b}</body></html>`;
    if (shell === 'nobody') return `<html><head><title>t</title></head>${b}</html>`;
    if (shell === 'frameset') return `<html><frameset><frame src="a.html"></frameset>${b}</html>`;
    return `<html>${b}`;
  });

function parse(html: string): Document {
  const doc = parseHTML(html).document as unknown as Document;
  // linkedom's head and body getters insert the element when the markup has none; a browser's
  // parser always makes both. Read them once so the page starts as a browser would have it.
  void doc.body;
  return doc;
}

/**
 * An article page with some junk at the bottom of 8,000–12,000 nested elements (before the article,
 * inside it or after it): deeper than a recursive walk of the DOM goes on Node's stack.
 */
const deepPage = fc
  .record({
    page: articlePage.filter((a) => a.paragraphs.length >= 1),
    levels: fc.integer({ min: 8_000, max: 12_000 }),
    tag: fc.constantFrom('div', 'span', 'section', 'b', 'li', 'td'),
    where: fc.constantFrom('before', 'inside', 'after'),
    text: junkText,
  })
  .map(({ page, levels, tag, where, text }) => {
    const deep = `<${tag} class="level">`.repeat(levels) + text + `</${tag}>`.repeat(levels);
    const at = where === 'before' ? '<body>' : where === 'inside' ? '</h1>' : '</body>';
    const i = where === 'after' ? page.html.lastIndexOf(at) : page.html.indexOf(at) + at.length;
    return { html: page.html.slice(0, i) + deep + page.html.slice(i), paragraphs: page.paragraphs };
  });

// ---------------------------------------------------------------- properties

describe('fuzz: analyze on random and malformed pages', () => {
  it(
    `never throws, and reports only elements inside the body (${FUZZ_RUNS.soup} pages)`,
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            soupPage,
            articlePage.map((a) => a.html),
          ),
          (html) => {
            const doc = parse(html);
            const { report, elements } = analyze(doc);
            expect(report.blocks.length).toBe(elements.size);
            for (const b of report.blocks) {
              const el = elements.get(b.id);
              expect(el).toBeDefined();
              expect(doc.body).not.toBeNull();
              expect(doc.body!.contains(el!) && el !== doc.body).toBe(true);
            }
          },
        ),
        { numRuns: FUZZ_RUNS.soup },
      );
    },
    TIMEOUT,
  );

  it(
    `never hides a paragraph of an article of ≥ 3 paragraphs of ≥ 2 sentences (${FUZZ_RUNS.article} pages)`,
    () => {
      fc.assert(
        fc.property(
          articlePage.filter((a) => a.paragraphs.length >= 3),
          ({ html, paragraphs }) => {
            const doc = parse(html);
            // Find the generated paragraphs by their text (the engine sees no marker).
            const wanted = new Set(paragraphs.map(collapse));
            const ps = Array.from(doc.querySelectorAll('p')).filter((p) => wanted.has(collapse(p.textContent ?? '')));
            expect(ps.length).toBeGreaterThanOrEqual(paragraphs.length);
            const { report, elements } = analyze(doc);
            for (const b of report.blocks) {
              if (b.kept) continue;
              const el = elements.get(b.id)!;
              for (const p of ps) {
                if (el === p || el.contains(p))
                  throw new Error(`block ${b.id} (${b.rule}: ${b.reason}) holds article paragraph "${collapse(p.textContent ?? '').slice(0, 60)}…"`);
              }
            }
          },
        ),
        { numRuns: FUZZ_RUNS.article },
      );
    },
    TIMEOUT,
  );

  it(
    `the CLI's output path never throws and prints one JSON line (${FUZZ_RUNS.cli} pages)`,
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            soupPage,
            articlePage.map((a) => a.html),
          ),
          (html) => {
            const { line } = stripPage(parseDocument(html), 'fuzz.html', {}, true);
            expect(line).not.toContain('\n');
            expect(JSON.parse(line)).toMatchObject({ file: 'fuzz.html', pageText: expect.any(String) });
          },
        ),
        { numRuns: FUZZ_RUNS.cli },
      );
    },
    TIMEOUT,
  );

  it(
    `copes with pages nested 8,000–12,000 levels deep, through the CLI's output path (${FUZZ_RUNS.deep} pages)`,
    () => {
      fc.assert(
        fc.property(deepPage, ({ html, paragraphs }) => {
          const doc = parseDocument(html);
          const { line } = stripPage(doc, 'deep.html', {}, true);
          const out = JSON.parse(line) as { pageText: string; removed: unknown[] };
          expect(Array.isArray(out.removed)).toBe(true);
          // The page's text that is left is the text of what is neither hidden nor invisible.
          // (Hidden by markup too: the generated attributes include inline display:none and visibility:hidden.)
          const shown = (p: Element) => {
            for (let a: Element | null = p; a; a = a.parentElement) {
              if (a.hasAttribute('hidden') || a.hasAttribute(HIDDEN_ATTR)) return false;
              if (/(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(a.getAttribute('style') ?? '')) return false;
            }
            return true;
          };
          const visible = Array.from(doc.querySelectorAll('p')).filter(shown);
          for (const p of visible) if (paragraphs.includes(p.textContent ?? '')) expect(out.pageText).toContain(collapse(p.textContent ?? ''));
        }),
        { numRuns: FUZZ_RUNS.deep },
      );
    },
    TIMEOUT,
  );

  it(
    `hideBlocks then restoreAll gives back the same DOM (${FUZZ_RUNS.roundtrip} pages)`,
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            articlePage.map((a) => a.html),
            soupPage,
          ),
          (html) => {
            const doc = parse(html);
            const before = doc.documentElement.outerHTML;
            const { elements } = analyze(doc);
            expect(doc.documentElement.outerHTML).toBe(before);
            hideBlocks(doc, elements);
            restoreAll(doc);
            expect(doc.documentElement.outerHTML).toBe(before);
          },
        ),
        { numRuns: FUZZ_RUNS.roundtrip },
      );
    },
    TIMEOUT,
  );
});
