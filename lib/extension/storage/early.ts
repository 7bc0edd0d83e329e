/**
 * A site's early style, as stored: the selectors to hide on its pages before they paint, for the
 * rules only known at run time (the user's plain-CSS rules, the site's learned rules). The
 * background computes them (lib/extension/background/early-style.ts) and writes one small key per
 * site in storage.local; the document_start content script (entrypoints/early.content.ts) reads
 * the keys of its page's site alone, so a page reads a few hundred bytes, not every rule.
 *
 *   early:<site>   string[]   the site's selectors (`siteKey(host)`); [] on a site turned off
 *                             whose parent domain has selectors (its pages stop looking there)
 *   earlySites     string[]   the sites that have an `early:` key, for the background to clear them
 *
 * Not a versioned item (lib/extension/storage/items.ts): derived data, written again from the
 * items whenever they change and when the extension is installed, updated or the browser starts.
 * This module imports nothing: the document_start script must stay tiny.
 */

/** Prefix of a site's key. */
export const EARLY_PREFIX = 'early:';
/** The key listing the sites with a key. */
export const EARLY_SITES_KEY = 'earlySites';

/**
 * Most selectors in a site's early style. Each is a rule the browser matches against every element
 * the parser inserts while the page loads, and the key is read while the page parses: the read
 * races the first paint, and grows with the value. A site's own rules come first (then learned,
 * then every site's), so at the cap the generic ones are the ones left for the content script,
 * which applies all of them at document_end (a user's site list is a few dozen; a generic filter
 * list, up to 1,000 per site, is what the cap cuts).
 */
export const MAX_EARLY_SELECTORS = 300;
/**
 * Most characters of selectors in a site's early style (about 30 KB): at 500 characters each, the
 * longest a user rule may be, MAX_EARLY_SELECTORS would be 150 KB to read before the first paint.
 */
export const MAX_EARLY_CHARS = 30_000;

/** A site's key in storage.local. */
export function earlyKey(site: string): string {
  return `${EARLY_PREFIX}${site}`;
}

/**
 * The keys a page of this site reads, most specific first: its own, then its parent domains'
 * (`news.example.com`, `example.com`, `com`), as a rule saved for a domain covers its subdomains.
 */
export function earlyKeys(site: string): string[] {
  const out: string[] = [];
  if (!site) return out;
  // A host name is at most 253 characters: a few keys, read in one call.
  for (let at = 0; at > 0 || out.length === 0; at = site.indexOf('.', at) + 1) out.push(earlyKey(site.slice(at)));
  return out;
}

/**
 * A stored early style, checked: a list of strings without a brace or a comment (each becomes one
 * CSS rule), cut to the caps. Anything else is no list (null): the page hides nothing early.
 */
export function sanitizeEarly(x: unknown): string[] | null {
  if (!Array.isArray(x)) return null;
  const out: string[] = [];
  let chars = 0;
  for (const s of x) {
    if (out.length >= MAX_EARLY_SELECTORS) break;
    if (typeof s !== 'string' || !s || /[{}]|\/\*/.test(s)) continue;
    chars += s.length;
    if (chars > MAX_EARLY_CHARS) break;
    out.push(s);
  }
  return out;
}

/** The early style for a page from its keys' values (`earlyKeys` order): the first list found. */
export function earlyFor(keys: readonly string[], values: Readonly<Record<string, unknown>>): string[] {
  for (const key of keys) {
    const list = Object.hasOwn(values, key) ? sanitizeEarly(values[key]) : null;
    if (list) return list;
  }
  return [];
}
