/**
 * What a page says about its article beyond the text, for the reader view's header: when it was
 * published, the site's name, the author. Read from meta tags and JSON-LD (read only, never run);
 * the engine's report gives title and byline. Pure DOM code.
 */
import { ARTICLE_TYPE } from '../vocab/page';

export interface PageMeta {
  /** As the page gives it (ISO 8601 mostly); only a value that parses as a date. */
  published: string | null;
  siteName: string | null;
  /** Author names from meta tags or JSON-LD, for when Readability found no byline. */
  author: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
}

const PUBLISHED_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[property="og:published_time"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="publish-date"]',
  'meta[name="pubdate"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
];
const SITE_META = ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]'];
const AUTHOR_META = ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="parsely-author"]'];
const MAX_JSON_LD = 200_000;

const clean = (s: string | null | undefined, max = 300): string | null => {
  const v = (s ?? '').replace(/\s+/g, ' ').trim();
  return v ? v.slice(0, max) : null;
};

/** A date string that parses, cut to a sane length; else null. */
export function validDate(s: string | null | undefined): string | null {
  const v = clean(s, 100);
  return v && !Number.isNaN(Date.parse(v)) ? v : null;
}

function metaContent(doc: Document, selectors: readonly string[], accept: (v: string | null) => string | null = clean): string | null {
  for (const sel of selectors) {
    for (const el of Array.from(doc.querySelectorAll(sel))) {
      const v = accept(el.getAttribute('content'));
      if (v) return v;
    }
  }
  return null;
}

type Json = unknown;

/** Every object in a JSON-LD value (through @graph and arrays), depth-limited. */
function objects(x: Json, out: Record<string, Json>[] = [], depth = 0): Record<string, Json>[] {
  if (depth > 6 || out.length > 200) return out;
  if (Array.isArray(x)) for (const v of x) objects(v, out, depth + 1);
  else if (x && typeof x === 'object') {
    const o = x as Record<string, Json>;
    out.push(o);
    if (o['@graph']) objects(o['@graph'], out, depth + 1);
  }
  return out;
}

function typeOf(o: Record<string, Json>): string {
  const t = o['@type'];
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '';
}

function names(x: Json): string | null {
  const list = (Array.isArray(x) ? x : [x])
    .map((v) => (typeof v === 'string' ? v : v && typeof v === 'object' ? (v as Record<string, Json>).name : null))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return clean([...new Set(list.map((v) => v.trim()))].join(', '));
}

/** The page's JSON-LD article object (the first of an article type), if any. */
function jsonLdArticle(doc: Document): Record<string, Json> | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const text = script.textContent ?? '';
    if (!text || text.length > MAX_JSON_LD) continue;
    let data: Json;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const found = objects(data).find((o) => ARTICLE_TYPE.re.test(typeOf(o)));
    if (found) return found;
  }
  return null;
}

/** Published date, site name, author, language and direction of a page. */
export function pageMeta(doc: Document): PageMeta {
  const ld = jsonLdArticle(doc);
  const ldPublisher = ld?.publisher && typeof ld.publisher === 'object' ? names(ld.publisher) : null;
  const timeEl = doc.querySelector('article time[datetime], time[pubdate][datetime], time[itemprop="datePublished"][datetime]');
  const html = doc.documentElement;
  const dir = html?.getAttribute('dir')?.toLowerCase();
  return {
    published:
      metaContent(doc, PUBLISHED_META, validDate) ??
      validDate(typeof ld?.datePublished === 'string' ? ld.datePublished : null) ??
      validDate(timeEl?.getAttribute('datetime')),
    siteName: metaContent(doc, SITE_META) ?? ldPublisher,
    author: metaContent(doc, AUTHOR_META, (v) => (v && !/^https?:/i.test(v) ? clean(v) : null)) ?? (ld ? names(ld.author) : null),
    lang: clean(html?.getAttribute('lang'), 35),
    dir: dir === 'rtl' || dir === 'ltr' ? dir : null,
  };
}

/** A byline as a reader should see it: its first line, white space collapsed, not too long. */
export function cleanByline(s: string | null | undefined): string | null {
  if (!s) return null;
  const first = s
    .split(/\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .find(Boolean);
  return first ? first.slice(0, 200) : null;
}
