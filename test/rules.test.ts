/** Rule hosts and the content-script match patterns built from them. */
import { describe, expect, it } from 'vitest';
import { matchPatterns } from '../lib/engine/find/site-rules';
import { ANY_SITE, hostMatches } from '../lib/engine/page/url';
import type { SiteRules } from '../lib/engine/types';

const site = (host: string): SiteRules => ({ host, rules: [] }) as unknown as SiteRules;

/** How a browser reads `*://*.host/*`: http or https, the host itself or any subdomain. */
function patternCovers(pattern: string, url: string): boolean {
  const m = /^\*:\/\/\*\.([^/]+)\/\*$/.exec(pattern);
  const u = new URL(url);
  if (!m) return pattern === `${u.protocol}//*/*`;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return u.hostname === m[1] || u.hostname.endsWith(`.${m[1]}`);
}

describe('matchPatterns', () => {
  it('gives one pattern per site, covering exactly the pages whose host its rules match', () => {
    const sites = [site('cnbc.com'), site('GlobalNews.ca'), site('cnbc.com')];
    const patterns = matchPatterns(sites);
    expect(patterns).toEqual(['*://*.cnbc.com/*', '*://*.globalnews.ca/*']);
    for (const url of [
      'https://www.cnbc.com/x',
      'http://cnbc.com/',
      'https://globalnews.ca/news/1',
      'https://notcnbc.com/',
      'https://cnbc.com.evil.example/',
      'https://example.org/',
    ]) {
      const host = new URL(url).hostname;
      const byRules = sites.some((s) => hostMatches(s.host.toLowerCase(), host));
      expect(
        patterns.some((p) => patternCovers(p, url)),
        url,
      ).toBe(byRules);
    }
  });

  it('covers every http and https page when a rule is for every site, and nothing without rules', () => {
    expect(matchPatterns([site('cnbc.com'), site(ANY_SITE)])).toEqual(['http://*/*', 'https://*/*']);
    expect(matchPatterns([])).toEqual([]);
  });
});
