/**
 * The rules learned on a site as the popup and the options page show them (lib/ui/learned.ts):
 * the summary and its counts, each rule's evidence, why a rule is off, the switches and the
 * buttons, and what they ask to change.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LearnedRulesBySite, StoredLearnedRule } from '../lib/extension/storage/learned';
import { learnedEvidence, learnedFor, learnedOffText, learnedSummary, optionsLearned, popupLearned } from '../lib/ui/learned';
import { count, whyRemoved } from '../lib/ui/ui-text';
import { docFrom } from './helpers/dom';

const rule = (selector: string, extra: Partial<StoredLearnedRule> = {}): StoredLearnedRule => ({
  kind: 'share',
  selector,
  reason: 'share bar of this site',
  samples: ['https://a.com/1', 'https://a.com/2', 'https://a.com/3'],
  confidence: 0.8,
  foundBy: 'detector:share',
  at: 1,
  ...extra,
});

const all: LearnedRulesBySite = {
  'example.com': {
    pages: 4,
    at: 9,
    rules: [
      rule('.share-bar'),
      rule('.promo', { kind: 'promo', reason: 'house promotion', samples: ['https://example.com/a'] }),
      rule('.more', { kind: 'related', reason: '', samples: ['x', 'y'] }),
      rule('.kicker', { kind: 'related', off: 'user' }),
      rule('.box', { kind: 'newsletter', hasText: 'Sign up', off: 'kept' }),
      rule('.lead', { kind: 'ad', off: 'article', offWhy: '“The council met…” on https://example.com/b' }),
    ],
  },
  'one.org': { pages: 1, at: 2, rules: [rule('.s')] },
};

beforeAll(() => {
  vi.stubGlobal('document', docFrom('<p>x</p>'));
  vi.stubGlobal('CSS', { escape: (s: string) => s });
});
afterAll(() => vi.unstubAllGlobals());

describe('the words', () => {
  it('sum up a site: the rules that are on, from how many pages', () => {
    expect(learnedSummary(all['example.com'])).toBe('Learned on this site: 3 rules from 4 pages');
    expect(learnedSummary(all['one.org'])).toBe('Learned on this site: 1 rule from 1 page');
    expect(learnedSummary({ pages: 2, at: 0, rules: [rule('.x', { off: 'user' })] })).toBe('Learned on this site: 0 rules from 2 pages');
    expect([count(1, 'page'), count(6, 'page')]).toEqual(['1 page', '6 pages']);
  });

  it('say why a rule is off, and nothing for a rule that is on', () => {
    const [on, , , user, kept, article] = all['example.com'].rules;
    expect(learnedOffText(on)).toBeNull();
    expect(learnedOffText(user)).toBe('switched off');
    expect(learnedOffText(kept)).toBe('off: you kept a block it hid');
    expect(learnedOffText(article)).toBe('off: it would hide article text (“The council met…” on https://example.com/b)');
    expect(learnedOffText({ off: 'article' })).toBe('off: it would hide article text');
  });

  it('give a rule’s reason and the pages it was seen on, never who found it', () => {
    const [share, promo, more] = all['example.com'].rules;
    expect(learnedEvidence(share)).toBe('share bar of this site · seen on 3 pages');
    expect(learnedEvidence(promo)).toBe('house promotion · seen on 1 page');
    expect(learnedEvidence(more)).toBe('seen on 2 pages');
    expect(learnedEvidence({ reason: 'x', samples: [] })).toBe('x');
    expect(learnedEvidence(share)).not.toMatch(/detector/);
  });

  it('say a block was hidden by a rule learned on its site', () => {
    expect(whyRemoved({ rule: 'learned:example.com .share-bar', reason: 'share bar of this site' })).toBe('Learned on example.com: share bar of this site');
    expect(whyRemoved({ rule: 'learned:example.com div.box:has-text(Sign up)', reason: '' })).toBe('Learned on example.com');
  });

  it('find a site’s rules by host', () => {
    expect(learnedFor(all, 'www.example.com')).toBe(all['example.com']);
    expect(learnedFor(all, 'news.example.com')).toBeUndefined();
    expect(learnedFor(all, '')).toBeUndefined();
  });
});

describe('the popup’s section', () => {
  const section = (o: Partial<Parameters<typeof popupLearned>[0]> = {}) =>
    popupLearned({ site: 'example.com', entry: all['example.com'], learning: true, open: false, onToggle: () => {}, onSwitch: () => {}, ...o });

  it('sums up, and lists each rule with its kind, evidence, state and a switch; no selector', () => {
    const box = section()!;
    expect(box.tagName).toBe('DETAILS');
    expect(box.querySelector('summary')!.textContent).toBe('Learned on this site: 3 rules from 4 pages');
    const rows = Array.from(box.querySelectorAll('li'));
    expect(rows.map((li) => li.querySelector('.tag')!.textContent)).toEqual([
      'Share bar',
      'Site promotion',
      'Related links',
      'Related links',
      'Newsletter prompt',
      'Ad',
    ]);
    expect(rows.map((li) => li.querySelector('.state')!.textContent)).toEqual([
      'on',
      'on',
      'on',
      'switched off',
      'off: you kept a block it hid',
      'off: it would hide article text (“The council met…” on https://example.com/b)',
    ]);
    expect(rows.map((li) => (li.querySelector('input') as HTMLInputElement).checked)).toEqual([true, true, true, false, false, false]);
    expect(rows[0].querySelector('.why')!.textContent).toBe('share bar of this site · seen on 3 pages');
    expect(box.querySelector('code')).toBeNull();
    expect(box.textContent).not.toMatch(/detector|\.share-bar/);
    expect(box.querySelector('input')!.getAttribute('aria-label')).toBe('Learned rule: Share bar (.share-bar)');
    expect(box.querySelector('p.learning-off')).toBeNull();
    expect(section({ open: true })!.hasAttribute('open') || (section({ open: true }) as HTMLDetailsElement).open).toBe(true);
  });

  it('asks to switch a rule off or on', () => {
    const calls: [string, boolean][] = [];
    const box = section({ onSwitch: (r, on) => calls.push([r.selector, on]) })!;
    const inputs = Array.from(box.querySelectorAll('input')) as HTMLInputElement[];
    inputs[0].checked = false;
    inputs[0].dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('change'));
    inputs[3].checked = true;
    inputs[3].dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('change'));
    expect(calls).toEqual([
      ['.share-bar', false],
      ['.kicker', true],
    ]);
  });

  it('says learning is off; says nothing for a site without learned rules while learning is on', () => {
    expect(section({ learning: false })!.querySelector('p.learning-off')!.textContent).toMatch(/^Learning is off/);
    expect(section({ entry: undefined })).toBeNull();
    expect(section({ entry: undefined, learning: false })!.textContent).toMatch(/^Learning is off/);
  });
});

describe('the options page’s list', () => {
  it('lists each site with its rules (kind, selector, state, switch) and forget buttons', () => {
    const forgot: (string | undefined)[] = [];
    const switched: [string, string, boolean][] = [];
    const parts = optionsLearned(all, { onSwitch: (site, r, on) => switched.push([site, r.selector, on]), onForget: (site) => forgot.push(site) });
    const box = document.createElement('div');
    box.append(...parts);
    expect(Array.from(box.querySelectorAll('h3')).map((h) => h.textContent)).toEqual(['example.com 3 rules from 4 pages', 'one.org 1 rule from 1 page']);
    const list = box.querySelector('ul[data-site="example.com"]')!;
    expect(list.getAttribute('aria-label')).toBe('Rules learned on example.com');
    expect(Array.from(list.querySelectorAll('code')).map((c) => c.textContent)).toEqual([
      '.share-bar',
      '.promo',
      '.more',
      '.kicker',
      '.box:has-text(Sign up)',
      '.lead',
    ]);
    expect(list.querySelectorAll('li')[4].querySelector('.state')!.textContent).toBe('off: you kept a block it hid');
    const buttons = Array.from(box.querySelectorAll('button'));
    expect(buttons.map((b) => b.textContent)).toEqual(['Forget this site', 'Forget this site', 'Forget everything learned']);
    expect(buttons[1].getAttribute('aria-label')).toBe('Forget what was learned on one.org');
    for (const b of buttons) b.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('click'));
    expect(forgot).toEqual(['example.com', 'one.org', undefined]);
    const input = list.querySelector('li input') as HTMLInputElement;
    input.checked = false;
    input.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('change'));
    expect(switched).toEqual([['example.com', '.share-bar', false]]);
  });

  it('says when nothing was learned', () => {
    const [none] = optionsLearned({}, { onSwitch: () => {}, onForget: () => {} });
    expect(none.textContent).toBe('Nothing learned yet.');
  });
});
