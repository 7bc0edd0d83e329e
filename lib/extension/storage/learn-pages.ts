/**
 * The background's memory of the pages read, per site (`local:learnPages`; lib/extension/storage/learned.ts
 * says what is learned from it): the digests of a site's last pages (lib/rules/learn.ts
 * `digestPage`: signatures and short texts of the blocks, never the article), bounded by
 * MAX_LEARN_SITES, MAX_LEARN_PAGES and MAX_LEARN_BYTES; the least recently used sites go first.
 * Read by the background alone (a page never needs it).
 */
import { siteKey } from '../../engine/page/url';
import { sanitizeDigest, type PageDigest } from '../../rules/learn';
import { bySite, siteEntry } from './by-site';
import { MAX_LEARN_BYTES, MAX_LEARN_PAGES, MAX_LEARN_SITES, isObject, isSite, time } from './learned';

export { MAX_LEARN_BYTES, MAX_LEARN_PAGES, MAX_LEARN_SITES };

export interface LearnMemory {
  /** When a page of the site was last read (ms): the least recently used sites go first. */
  used: number;
  /** The digests of its last pages, oldest first. */
  pages: PageDigest[];
}

export type LearnPagesBySite = Record<string, LearnMemory>;

const utf8 = new TextEncoder();
/** A value's size as storage counts it (its JSON text). */
export const bytesOf = (x: unknown): number => utf8.encode(JSON.stringify(x)).length;

/**
 * The learning memory from whatever was stored, within its limits: at most MAX_LEARN_PAGES
 * digests per site (the newest), MAX_LEARN_SITES sites and MAX_LEARN_BYTES in all (the most
 * recently used sites kept). A digest of another version or a corrupt one is dropped.
 */
export function sanitizeLearnPages(x: unknown): LearnPagesBySite {
  const out = bySite<LearnMemory>();
  if (!isObject(x)) return out;
  const sites: [string, LearnMemory][] = [];
  for (const [site, entry] of Object.entries(x)) {
    if (!isSite(site) || !isObject(entry) || !Array.isArray(entry.pages)) continue;
    const key = siteKey(site);
    if (!key || sites.some(([k]) => k === key)) continue;
    const pages = entry.pages
      .map(sanitizeDigest)
      .filter((d): d is PageDigest => d !== null)
      .slice(-MAX_LEARN_PAGES);
    if (pages.length) sites.push([key, { used: time(entry.used), pages }]);
  }
  sites.sort((a, b) => b[1].used - a[1].used);
  let bytes = 0;
  for (const [key, memory] of sites.slice(0, MAX_LEARN_SITES)) {
    bytes += bytesOf(memory);
    if (bytes > MAX_LEARN_BYTES) break;
    out[key] = memory;
  }
  return out;
}

/** A site's memory with a page's digest added (one per address: a page read again replaces its old digest). */
export function withPage(all: LearnPagesBySite, site: string, digest: PageDigest, used: number): LearnPagesBySite {
  const out = bySite(Object.entries(all));
  const before = (siteEntry(all, site)?.pages ?? []).filter((d) => d.url !== digest.url && d.article !== digest.article);
  // Through the sanitizer: the limits hold, the oldest pages and the least recently used sites go.
  out[site] = { used, pages: [...before, digest].slice(-MAX_LEARN_PAGES) };
  return sanitizeLearnPages(out);
}
