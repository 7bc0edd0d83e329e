/**
 * Template learning across pages: blocks that recur on a site's pages while the articles differ
 * are the site's template, even where no detector sees them (a tagline in a plain paragraph, a
 * membership box without an email field). Learned from three pages, they are hidden on the fourth;
 * the article stays whole.
 */
import { describe, expect, it } from 'vitest';
import { analyze, hideBlocks, type SiteRules } from '../lib/engine/index';
import { collapse } from '../lib/engine/page/dom';
import {
  LearnError,
  MAX_DIGEST_BYTES,
  asSiteRule,
  digestPage,
  learnFromDigests,
  learnSiteRules,
  probesOf,
  sanitizeDigest,
  type LearnSample,
  type PageDigest,
} from '../lib/rules/learn';
import { docFrom, isHidden } from './helpers/dom';
import { LOCAL_HOST, MEMBERSHIP_HEADING, TAGLINE, TEST_ATTR, localSite, type LocalPage } from './helpers/local-site';

const pages = localSite(4);
const sample = (p: LocalPage): LearnSample => ({ name: p.name, doc: docFrom(p.html) });

function applyTo(page: LocalPage, site: SiteRules | null) {
  const doc = docFrom(page.html);
  const { report, elements } = analyze(doc, { sites: site ? [site] : [] });
  hideBlocks(doc, elements);
  return { doc, report };
}
const template = (doc: Document, name: string) => doc.querySelector(`[${TEST_ATTR}="${name}"]`)!;
const asSite = (rules: ReturnType<typeof learnSiteRules>['site']): SiteRules => ({ host: rules.host, rules: rules.rules.map(asSiteRule) });

describe('a template the detectors cannot see', () => {
  const { site } = learnSiteRules(pages.slice(0, 3).map(sample), { host: LOCAL_HOST });

  it('is on the fourth page without learned rules: the detectors alone leave it', () => {
    const { doc } = applyTo(pages[3], null);
    expect(isHidden(template(doc, 'tagline'))).toBe(false);
    expect(isHidden(template(doc, 'membership'))).toBe(false);
  });

  it('is learned from three pages: a rule for the tagline and one for the membership box, with their evidence', () => {
    expect(site.rules.length).toBeGreaterThanOrEqual(2);
    for (const r of site.rules) {
      expect(r.kind).toBe('promo');
      expect(r.samples).toEqual(pages.slice(0, 3).map((p) => p.name));
      expect(r.evidence.map((e) => e.sample)).toEqual(r.samples);
      expect(r.foundBy).toMatch(/^repeated on 3 pages: /);
      expect(r.reason).toBe('Promotion of this site, learned from 3 of its 3 pages');
      expect(r.selector).not.toMatch(/nth-|data-test/);
    }
    const tagline = site.rules.find((r) => r.hasText !== undefined);
    expect(tagline?.hasText && TAGLINE.includes(tagline.hasText)).toBe(true);
    expect(site.rules.some((r) => r.selector.includes('inline-member'))).toBe(true);
  });

  it('hides both on the fourth page and keeps every paragraph, the headline and the byline', () => {
    const { doc, report } = applyTo(pages[3], asSite(site));
    expect(isHidden(template(doc, 'tagline'))).toBe(true);
    expect(isHidden(template(doc, 'membership'))).toBe(true);
    for (const p of Array.from(doc.querySelectorAll('.story-body > p:not([data-test-template])'))) expect(isHidden(p)).toBe(false);
    expect(isHidden(doc.querySelector('h1')!)).toBe(false);
    expect(isHidden(doc.querySelector('.story-byline')!)).toBe(false);
    for (const text of pages[3].paragraphs) expect(collapse(report.text)).toContain(collapse(text));
    expect(report.text).not.toContain(MEMBERSHIP_HEADING);
  });

  it('never learns the byline, though two of the pages share their author', () => {
    expect(pages[0].author).toBe(pages[3].author);
    const both = learnSiteRules([sample(pages[0]), sample(pages[3])], { host: LOCAL_HOST }).site;
    const { doc } = applyTo(pages[1], asSite(both));
    expect(isHidden(doc.querySelector('.story-byline')!)).toBe(false);
    for (const r of both.rules) expect(r.hasText ?? '').not.toMatch(/Maria Lund/);
  });

  it('learns nothing from one page, and nothing from the same article twice', () => {
    expect(() => learnSiteRules([sample(pages[0])], { host: LOCAL_HOST })).toThrow(LearnError);
    const twice = learnSiteRules([sample(pages[0]), { ...sample(pages[0]), name: 'again.html' }], { host: LOCAL_HOST }).site;
    expect(twice.rules.filter((r) => r.kind === 'promo')).toEqual([]);
  });

  it('rejects a text rule that would hide a paragraph of the article: a paragraph of one page is not the template', () => {
    // The second page quotes the tagline inside a longer paragraph of its own.
    const quoted = localSite(3);
    quoted[1].html = quoted[1].html.replace(
      '<p>Staff will be paid',
      `<p>${TAGLINE} The board repeated the line in its letter to the province, adding that the library is the paper's oldest partner. Staff will be paid`,
    );
    const { site } = learnSiteRules(quoted.map(sample), { host: LOCAL_HOST });
    const { doc } = applyTo(quoted[1], asSite(site));
    for (const p of Array.from(doc.querySelectorAll('.story-body > p:not([data-test-template])'))) expect(isHidden(p)).toBe(false);
  });
});

describe('learning from digests, as the extension does', () => {
  it('learns from digests taken one page at a time what the CLI learns from the pages together', () => {
    const digests: PageDigest[] = [];
    for (const p of pages.slice(0, 3)) {
      const d = digestPage({ ...sample(p), url: p.url }, probesOf(digests));
      // Kept in storage as JSON, and read back through the sanitizer.
      digests.push(sanitizeDigest(JSON.parse(JSON.stringify(d)))!);
    }
    const browser = learnFromDigests(digests, { host: LOCAL_HOST }).site.rules;
    const cli = learnSiteRules(pages.slice(0, 3).map(sample), { host: LOCAL_HOST }).site.rules;
    expect(browser.map((r) => [r.kind, r.selector, r.hasText])).toEqual(cli.map((r) => [r.kind, r.selector, r.hasText]));
    for (const d of digests) expect(JSON.stringify(d).length).toBeLessThanOrEqual(MAX_DIGEST_BYTES);
  });

  it('checks the other pages’ selectors on a new page: a selector that would hide its article text is rejected', () => {
    const list = localSite(3);
    // On the third page the article's paragraphs sit inside a box with the membership box's class.
    list[2].html = list[2].html.replace('<div class="story-body">', '<div class="story-body inline-member">');
    const digests: PageDigest[] = [];
    for (const p of list) digests.push(digestPage({ ...sample(p), url: p.url }, probesOf(digests)));
    const { site } = learnFromDigests(digests, { host: LOCAL_HOST });
    expect(site.rules.map((r) => r.selector)).not.toContain('.inline-member');
    const { doc } = applyTo(list[2], asSite(site));
    for (const p of Array.from(doc.querySelectorAll('.story-body > p:not([data-test-template])'))) expect(isHidden(p)).toBe(false);
  });

  it('reads no corrupt digest: another version, a bad kind, an index out of range', () => {
    const d = digestPage({ ...sample(pages[0]), url: pages[0].url });
    expect(sanitizeDigest(JSON.parse(JSON.stringify(d)))).not.toBeNull();
    expect(sanitizeDigest({ ...d, v: 2 })).toBeNull();
    expect(sanitizeDigest(null)).toBeNull();
    expect(sanitizeDigest('x')).toBeNull();
    expect(sanitizeDigest({ ...d, targets: [{ ...d.targets[0], kind: 'spam' }] })).toBeNull();
    const probes = d.probes.map(() => ({ n: 1, m: [{ k: null, t: [d.targets.length], s: [] }] }));
    expect(sanitizeDigest({ ...d, probes })).toBeNull();
    expect(sanitizeDigest({ ...d, probes: d.probes.slice(1) })).toBeNull();
    expect(sanitizeDigest({ ...d, targets: [{ ...d.targets[0], tiers: [[d.selectors.length]] }] })).toBeNull();
  });
});

describe('a rule naming a paragraph by its text', () => {
  const page = localSite(1)[0];
  const run = (rules: SiteRules['rules']) => {
    const doc = docFrom(page.html);
    const { elements, report } = analyze(doc, { sites: [{ host: LOCAL_HOST, learned: true, rules }] });
    hideBlocks(doc, elements);
    return { doc, report };
  };

  it('may hide that one paragraph of what Readability took for the article, and names the learned rule', () => {
    const { doc, report } = run([{ kind: 'promo', selector: '.story-body p', hasText: 'independent local journalism', reason: 'r' }]);
    expect(isHidden(template(doc, 'tagline'))).toBe(true);
    expect(report.blocks.map((b) => b.rule)).toContain(`learned:${LOCAL_HOST} .story-body p:has-text(independent local journalism)`);
  });

  it('never a box holding paragraphs, nor a paragraph of the article named by a plain selector', () => {
    const holder = run([{ kind: 'promo', selector: '.story-body', hasText: 'independent local journalism', reason: 'r' }]).doc;
    expect(isHidden(holder.querySelector('.story-body')!)).toBe(false);
    const plain = run([{ kind: 'promo', selector: '.story-body > p:last-child', reason: 'r' }]).doc;
    expect(isHidden(template(plain, 'tagline'))).toBe(false);
  });
});
