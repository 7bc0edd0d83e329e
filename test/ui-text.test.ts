import { describe, expect, it } from 'vitest';
import type { Block } from '../lib/engine/types';
import { blockLabel, count, displayText, groupBlocks, kindLabel, ruleSource, whyRemoved } from '../lib/ui/ui-text';

const block = (id: string, kind: Block['kind'], extra: Partial<Block> = {}): Block => ({ id, kind, text: id, reason: 'r', rule: 'detector:x', ...extra });

describe('ui-text', () => {
  it('says which rule removed a block', () => {
    expect(ruleSource('site:globalnews.ca .c-ad, .x')).toEqual({ source: 'site', name: 'globalnews.ca', selector: '.c-ad, .x' });
    expect(ruleSource('detector:newsletter')).toEqual({ source: 'detector', name: 'newsletter', selector: null });
    expect(ruleSource('manual')).toEqual({ source: 'other', name: 'manual', selector: null });
    expect(whyRemoved({ rule: 'site:cnbc.com .Share-share', reason: 'CNBC share bar' })).toBe('Known on cnbc.com: CNBC share bar');
    expect(whyRemoved({ rule: 'detector:ad', reason: 'ad slot' })).toBe('Spotted on this page: ad slot');
    expect(whyRemoved({ rule: 'detector:ad', reason: '' })).toBe('Spotted on this page');
    // The popup speaks of the page and the site, never of detectors, selectors or samples.
    for (const block of [
      { rule: 'detector:related', reason: 'box of links to other stories' },
      { rule: 'site:cnbc.com .MostPopular-mostPopular', reason: 'Related stories box of this site, learned from 1 of its 7 pages' },
    ]) {
      expect(whyRemoved(block)).not.toMatch(/detector|selector|sample|template/i);
    }
  });

  it('groups blocks by kind in the engine’s order, with hidden counts', () => {
    const groups = groupBlocks([block('ad-1', 'ad'), block('newsletter-1', 'newsletter'), block('ad-2', 'ad', { kept: true }), block('share-1', 'share')]);
    expect(groups.map((g) => [g.kind, g.blocks.length, g.hidden])).toEqual([
      ['newsletter', 1, 1],
      ['ad', 2, 1],
      ['share', 1, 1],
    ]);
    expect(groups[1].label).toBe('Ads');
    // Blocks a state counts but does not list join their kind's group.
    const capped = groupBlocks([block('ad-1', 'ad'), block('newsletter-1', 'newsletter')], { ad: 700, related: 3 });
    expect(capped.map((g) => [g.kind, g.blocks.length, g.more, g.found])).toEqual([
      ['newsletter', 1, 0, 1],
      ['related', 0, 3, 3],
      ['ad', 1, 700, 701],
    ]);
    expect(kindLabel('related', 'one')).toBe('Related links');
  });

  it('words counts and texts', () => {
    expect(count(1, 'block')).toBe('1 block');
    expect(count(3, 'block')).toBe('3 blocks');
    expect(count(0, 'check')).toBe('0 checks');
    expect(displayText('  a\n\n b ')).toBe('a b');
    expect(displayText('  ')).toBe('(no text)');
  });

  it('names a block without text by what it shows, its alt text and its size, never "(no text)"', () => {
    expect(blockLabel({ text: '', media: { what: 'image', alt: 'Sponsored', width: 300, height: 250 } })).toBe('Image “Sponsored”, 300×250');
    expect(blockLabel({ text: ' ', media: { what: 'frame', alt: '', width: 728, height: 90 } })).toBe('Embedded frame, 728×90');
    expect(blockLabel({ text: '', media: { what: 'video', alt: 'Clip', width: 0, height: 0 } })).toBe('Video “Clip”');
    expect(blockLabel({ text: 'Sign up  now', media: { what: 'image', alt: 'x', width: 1, height: 1 } })).toBe('Sign up now');
    expect(blockLabel({ text: '' })).toBe('(no text)');
  });
});
