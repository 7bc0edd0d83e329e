/** `meta`: the article's metadata block (byline, dateline, the author's bio, the comment count). */
import type { NotTextFilter } from './filter';
import { hasWord } from '../vocab/group';
import { META_CLASS, META_PAIRS } from '../vocab/text';

/** A byline, a dateline or an author's bio is a few lines; longer, it is article text in a box. */
export const MAX_META_CHARS = 900;
/** ... and a small part of the article: a box holding more is the article under an odd name. */
export const MAX_META_SHARE = 0.25;

/**
 * An article's metadata block, told by its class or id and its size: on the page and in the reader
 * view, not in the running text (Readability reports the byline apart too).
 */
export const meta: NotTextFilter = {
  id: 'meta',
  description: "the article's metadata: byline, dateline, the author's bio, the comment count (named so, and short)",
  test(_el, live, { ctx }) {
    if (!live || !ctx.named(live, META_CLASS.hint)) return false;
    const len = ctx.len(live);
    const { root, main, proseChars } = ctx.article;
    if (len > MAX_META_CHARS || len > proseChars * MAX_META_SHARE) return false;
    if ((root && live.contains(root)) || (main && live.contains(main))) return false;
    const words = ctx.words(live);
    return words.some((w) => hasWord(META_CLASS.words, w)) || META_PAIRS.re.test(words.join(' '));
  },
};
export default meta;
