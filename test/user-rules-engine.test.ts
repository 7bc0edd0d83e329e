/**
 * User rules on a page: `:has-text()` in the engine (plain text, /regex/, a bad pattern reported),
 * rules for every site, exceptions cancelling bundled rules, the early stylesheet leaving
 * has-text rules out, and the PageCleaner taking new rules on a cleaned page and putting the page
 * back exactly when they go.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { PageCleaner } from '../lib/extension/content/cleaner';
import { analyze } from '../lib/engine/analyze';
import { HIDDEN_ATTR } from '../lib/engine/apply/hide';
import { SITE_STYLE_ID, siteSelectors } from '../lib/engine/apply/site-style';
import type { SiteRules } from '../lib/engine/types';
import { whyRemoved } from '../lib/ui/ui-text';
import { userSiteRules, type UserRule, type UserRulesBySite } from '../lib/extension/storage/user-rules';
import type { Clock } from '../lib/extension/content/watcher';
import { articlePage, docFrom } from './helpers/dom';

const BOXES = `<div class="box" id="b1"><p>Sponsored: buy the new phone today</p></div>
<div class="box" id="b2"><p>Our reporters on the ground this week</p></div>
<div class="box" id="b3"><p>SPONSORED content from a partner of ours</p></div>`;

const rule = (selector: string, extra: Partial<UserRule> = {}): UserRule => ({ selector, kind: 'ad', at: 1, from: 'import', ...extra });

function hiddenIds(doc: Document, blocks: { id: string }[], elements: Map<string, Element>): string[] {
  return blocks.map((b) => elements.get(b.id)!.id).filter(Boolean);
}

describe(':has-text() in the engine', () => {
  it('takes only the elements whose text holds the plain text, as written', () => {
    const doc = docFrom(articlePage(BOXES));
    const sites = userSiteRules({ 'news.example.com': [rule('div.box', { hasText: 'Sponsored' })] }, 'news.example.com');
    const { report, elements } = analyze(doc, { sites });
    const ours = report.blocks.filter((b) => b.rule.startsWith('user:'));
    expect(hiddenIds(doc, ours, elements)).toEqual(['b1']);
    expect(ours[0].rule).toBe('user:news.example.com div.box:has-text(Sponsored)');
    expect(whyRemoved(ours[0])).toBe('Your rule for news.example.com: div.box:has-text(Sponsored)');
  });

  it('reads /regex/flags as a regular expression', () => {
    const doc = docFrom(articlePage(BOXES));
    const sites = userSiteRules({ 'news.example.com': [rule('div.box', { hasText: '/^\\s*sponsored/i' })] }, 'news.example.com');
    const { report, elements } = analyze(doc, { sites });
    expect(
      hiddenIds(
        doc,
        report.blocks.filter((b) => b.rule.startsWith('user:')),
        elements,
      ),
    ).toEqual(['b1', 'b3']);
  });

  it('reports a bad pattern, skips its rule and goes on', () => {
    const doc = docFrom(articlePage(BOXES));
    const sites: SiteRules[] = [
      {
        host: 'news.example.com',
        user: true,
        rules: [
          { kind: 'ad', selector: 'div.box', hasText: '/a[/', reason: 'x' },
          { kind: 'ad', selector: '#b2', reason: 'y' },
        ],
      },
    ];
    const { report, elements } = analyze(doc, { sites });
    expect(report.errors).toEqual([{ source: 'site:news.example.com', message: expect.stringMatching(/^invalid :has-text\(\) pattern "\/a\[\/": /) }]);
    expect(
      hiddenIds(
        doc,
        report.blocks.filter((b) => b.rule.startsWith('user:')),
        elements,
      ),
    ).toEqual(['b2']);
  });
});

describe('rules for every site', () => {
  it('apply on any host but do not make a page an article or name its site', () => {
    const list = `<!doctype html><html><head><title>Front</title></head><body><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/s${i}">Story ${i}</a></li>`).join('')}</ul><div class="ad-banner">Buy now</div></body></html>`;
    const sites = userSiteRules({ '*': [rule('.ad-banner')] }, 'front.example.org');
    const { report } = analyze(docFrom(list), { sites, url: 'https://front.example.org/' });
    expect(report.isArticle).toBe(false);
    expect(report.site).toBeNull();
    expect(report.blocks.map((b) => b.rule)).toEqual(['user:* .ad-banner']);
    expect(whyRemoved(report.blocks[0])).toBe('Your rule for every site: .ad-banner');
  });
});

describe('the early stylesheet', () => {
  it('leaves :has-text() rules out: CSS cannot test text', () => {
    const sites = userSiteRules({ 'a.com': [rule('.plain'), rule('div.box', { hasText: 'Ad' })] }, 'a.com');
    expect(siteSelectors('www.a.com', sites)).toEqual(['.plain']);
  });
});

const stillClock: Clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };
const BUILTIN: SiteRules[] = [{ host: 'news.example.com', rules: [{ kind: 'share', selector: '.share-tools', reason: 'Example share bar' }] }];
const SHARE = '<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>';
const PROMO = '<aside class="house-promo"><p>Try our puzzles and games, new every day of the week</p></aside>';

function page(html: string, { url = 'https://www.news.example.com/2025/council-budget', userRules = {} as UserRulesBySite, sites = BUILTIN } = {}) {
  const { document, MutationObserver } = parseHTML(html);
  const doc = document as unknown as Document;
  const cleaner = new PageCleaner(doc, {
    url,
    sites,
    userRules,
    clock: stillClock,
    Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
  });
  return { doc, cleaner, html: () => doc.documentElement.outerHTML };
}

describe('PageCleaner with user rules', () => {
  it('hides a user rule’s blocks, puts them in the early stylesheet, and lists them with their rule', () => {
    const { doc, cleaner } = page(articlePage(PROMO, { after: SHARE }), { userRules: { 'news.example.com': [rule('.house-promo', { kind: 'related' })] } });
    cleaner.start();
    expect(doc.getElementById(SITE_STYLE_ID)!.textContent).toContain(':is(.house-promo)');
    cleaner.auto();
    const block = cleaner.state().blocks.find((b) => b.rule === 'user:news.example.com .house-promo')!;
    expect(block.kind).toBe('related');
    expect(doc.querySelector('.house-promo')!.getAttribute(HIDDEN_ATTR)).toBe(block.id);
  });

  it('takes a rule added while the page is cleaned, and puts the page back exactly when it goes', () => {
    const plain = page(articlePage(PROMO, { after: SHARE }));
    plain.cleaner.start();
    plain.cleaner.auto();
    const withoutRule = plain.html();

    const { doc, cleaner, html } = page(articlePage(PROMO, { after: SHARE }));
    cleaner.start();
    cleaner.auto();
    expect(html()).toBe(withoutRule);
    const states: number[] = [];
    cleaner.onChange = (s) => states.push(s.hidden);
    const before = cleaner.state().hidden;

    cleaner.setUserRules({ 'news.example.com': [rule('.house-promo')] });
    expect(doc.querySelector('.house-promo')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
    expect(cleaner.state().hidden).toBe(before + 1);
    expect(doc.getElementById(SITE_STYLE_ID)!.textContent).toContain(':is(.house-promo)');
    expect(states.at(-1)).toBe(before + 1);

    cleaner.setUserRules({});
    expect(html()).toBe(withoutRule);
    expect(cleaner.state().hidden).toBe(before);
  });

  it('does nothing when another site’s rules change', () => {
    const { cleaner } = page(articlePage(PROMO, { after: SHARE }));
    cleaner.start();
    cleaner.auto();
    const changes: unknown[] = [];
    cleaner.onChange = (s) => changes.push(s);
    cleaner.setUserRules({ 'elsewhere.org': [rule('.house-promo')] });
    expect(changes).toEqual([]);
  });

  it('lets an exception of the user’s cancel a bundled rule, and a kept block stay kept across the change', () => {
    const PARTNER = '<div class="partner-box"><p>From our partners: the week in pictures, in colour</p></div>';
    const sites: SiteRules[] = [{ host: 'news.example.com', rules: [{ kind: 'related', selector: '.house-promo', reason: 'Example promo' }] }];
    const { doc, cleaner } = page(articlePage(PROMO, { after: PARTNER }), { sites, userRules: { 'news.example.com': [rule('.partner-box')] } });
    cleaner.start();
    cleaner.auto();
    expect(doc.querySelector('.house-promo')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
    const partner = cleaner.state().blocks.find((b) => b.rule.startsWith('user:'))!;
    cleaner.keepBlock(partner.id);

    cleaner.setUserRules({ 'news.example.com': [rule('.partner-box'), rule('.house-promo', { allow: true })] });
    expect(doc.querySelector('.house-promo')!.hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(cleaner.state().blocks.some((b) => b.rule.includes('.house-promo'))).toBe(false);
    expect(doc.getElementById(SITE_STYLE_ID)!.textContent).not.toContain('house-promo');
    expect(cleaner.state().blocks.find((b) => b.id === partner.id)?.kept).toBe(true);
    expect(doc.querySelector('.partner-box')!.hasAttribute(HIDDEN_ATTR)).toBe(false);
  });

  it('cleans a page left alone as no article once its site has a rule, and leaves it alone again when the rule goes', () => {
    const list = `<!doctype html><html><head><title>Front page</title></head><body><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/s${i}">Story ${i}</a></li>`).join('')}</ul>${PROMO}</body></html>`;
    const { doc, cleaner, html } = page(list, { url: 'https://front.example.org/' });
    const original = html();
    cleaner.start();
    cleaner.auto();
    expect(cleaner.state().status).toBe('not-article');
    cleaner.setUserRules({ '*': [rule('.house-promo')] }); // every site: not enough to clean a page that is no article
    expect(cleaner.state().status).toBe('not-article');
    expect(html()).toBe(original);
    cleaner.setUserRules({ 'front.example.org': [rule('.house-promo')] });
    expect(cleaner.state().status).toBe('cleaned');
    expect(doc.querySelector('.house-promo')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
    cleaner.setUserRules({});
    expect(cleaner.state().status).toBe('not-article');
    expect(html()).toBe(original);
  });

  it('before DOM ready changes only the early stylesheet; off, it changes nothing', () => {
    const { doc, cleaner, html } = page(articlePage(PROMO));
    cleaner.start();
    cleaner.setUserRules({ 'news.example.com': [rule('.house-promo'), rule('div.box', { hasText: 'Ad' })] });
    const css = doc.getElementById(SITE_STYLE_ID)!.textContent!;
    expect(css).toContain(':is(.house-promo)');
    expect(css).not.toContain('div.box');
    expect(doc.querySelectorAll(`[${HIDDEN_ATTR}]`).length).toBe(0);

    cleaner.turnOff('site');
    const off = html();
    cleaner.setUserRules({ 'news.example.com': [rule('.other')] });
    expect(html()).toBe(off);
  });
});
