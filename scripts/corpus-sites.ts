/**
 * The corpus pages grouped by site, for the benches that read several pages of one publisher
 * (bench:learn leaves one out and learns from the others; bench:browser's revisits read the
 * others first): the fundus pages by the site of their address, and the `sites/<site>/` folder's
 * pages (more pages of cnbc.com and globalnews.ca, no ground truth) under their folder's site.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostOf, siteKey } from '../lib/engine/page/url';
import { halfOf } from './bench';

export interface SitePage {
  /** `<corpus>/<file>` as in test/corpus-split.json (`sites/<site>/<file>` for the sites folder). */
  key: string;
  corpus: 'fundus' | 'sites';
  /** The site: the address' host without `www.`. */
  site: string;
  path: string;
  /** The page's address (the sites folder's pages get one under their site). */
  url: string;
  half?: 'fit' | 'check';
  /** Ground truth: the article's paragraphs (fundus `body`); none for the sites folder. */
  truth?: string[];
}

/** Every fundus page with an address, then every page of the sites folder, in file order. */
export function sitePages(root: string): SitePage[] {
  const half = halfOf();
  const out: SitePage[] = [];
  const fundus = join(root, 'fundus', 'pages.json');
  if (existsSync(fundus)) {
    const list = JSON.parse(readFileSync(fundus, 'utf8')) as { file: string; url?: string; body?: string[] }[];
    for (const p of list) {
      const site = siteKey(hostOf(p.url ?? ''));
      if (!site) continue;
      const key = `fundus/${p.file}`;
      out.push({ key, corpus: 'fundus', site, path: join(root, 'fundus', 'html', p.file), url: p.url!, half: half(key), truth: p.body });
    }
  }
  const sitesDir = join(root, 'sites');
  if (existsSync(sitesDir)) {
    for (const d of readdirSync(sitesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .sort((a, b) => a.name.localeCompare(b.name))) {
      for (const f of readdirSync(join(sitesDir, d.name))
        .filter((f) => f.endsWith('.html'))
        .sort()) {
        const key = `sites/${d.name}/${f}`;
        // As bench:coverage serves them: under the site's own name.
        out.push({
          key,
          corpus: 'sites',
          site: siteKey(d.name),
          path: join(sitesDir, d.name, f),
          url: `https://www.${d.name}/${encodeURIComponent(f)}`,
          half: half(key),
        });
      }
    }
  }
  return out;
}

/** The pages of each site that has at least `min` of them, sites in name order, pages in the order given. */
export function bySite<P extends { site: string }>(pages: readonly P[], min: number): [string, P[]][] {
  const groups = new Map<string, P[]>();
  for (const p of pages) {
    const site = siteKey(p.site);
    if (!groups.has(site)) groups.set(site, []);
    groups.get(site)!.push(p);
  }
  return [...groups].filter(([, ps]) => ps.length >= min).sort(([a], [b]) => a.localeCompare(b));
}

/** Each page of a group with the group's other pages: one fold of leave-one-out. */
export function leaveOneOut<P>(group: readonly P[]): { left: P; others: P[] }[] {
  return group.map((left, i) => ({ left, others: group.filter((_, j) => j !== i) }));
}
