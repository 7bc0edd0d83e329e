/**
 * Pages' addresses and hosts, written once: the engine, the site rules, storage and the UI all key
 * sites the same way.
 */

/** The host of rules for every site (a user's generic rules, `##selector` in a filter list). */
export const ANY_SITE = '*';

/** The lower-cased host name of a URL, or '' when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** A site's key: its host lower-cased, without "www." and a trailing dot. */
export function siteKey(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

/** Does a rule host apply to a page host? `cnbc.com` covers `www.cnbc.com` and `m.cnbc.com`; `*` covers all. */
export function hostMatches(ruleHost: string, pageHost: string): boolean {
  if (ruleHost === ANY_SITE) return pageHost !== '';
  const h = pageHost.toLowerCase();
  return h === ruleHost || h.endsWith(`.${ruleHost}`);
}

/** The page's address: the one given, else its canonical link, og:url or the document's own URL. */
export function pageUrl(doc: Document, explicit?: string): string {
  if (explicit) return explicit;
  const canonical = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  const og = doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  const own = (doc as { URL?: string }).URL;
  return canonical || og || (own && own !== 'about:blank' ? own : '') || '';
}
