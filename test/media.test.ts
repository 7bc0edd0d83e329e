/** What an element without text shows (lib/engine/page/media.ts): the popup names an image-only block by it. */
import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_ALT_CHARS, mediaOf } from '../lib/engine/page/media';
import { docFrom } from './helpers/dom';

describe('mediaOf', () => {
  it('names an image by its alt text and size, one line of it at most (MAX_MEDIA_ALT_CHARS)', () => {
    const long = 'A crowd fills the old market square for the harvest parade, '.repeat(6);
    const doc = docFrom(`<html><body><div id="box"><img src="/p.jpg" alt="${long}" width="640" height="99999"></div></body></html>`);
    const m = mediaOf(doc.getElementById('box')!)!;
    expect(m).toMatchObject({ what: 'image', width: 640, height: 0 });
    expect(m.alt).toHaveLength(MAX_MEDIA_ALT_CHARS);
    expect(long.startsWith(m.alt)).toBe(true);
  });
});
