/** `meta`: the article's metadata block (byline, dateline, the author's bio, the comment count). */
import type { NotTextFilter } from './filter';

/** A byline, a dateline or an author's bio is a few lines; longer, it is article text in a box. */
export const MAX_META_CHARS = 900;
/** ... and a small part of the article: a box holding more is the article under an odd name. */
export const MAX_META_SHARE = 0.25;
/** Class and id words of an article's metadata: who wrote it, when, about the author, how many comments. */
const META_HINT = /author|byline|date|timestamp|publish|meta|comment/i;
const META_WORDS = /^(?:author|authors|byline|bylines|dateline|timestamp|published|publishdate|authorprofile|authorbio|authorinfo|authorbox|postmeta|entrymeta|nocomments|commentcount)$/;
/** Two-word names of the line under a post's title or after it: "entry-meta", "post-info", "article__date", "comments-link". */
const META_PAIRS = /\b(?:entry|post|article) (?:meta|info|details|date)\b|\bcomments? (?:link|count|number)s?\b/;

/**
 * An article's metadata block, told by its class or id and its size: on the page and in the reader
 * view, not in the running text (Readability reports the byline apart too).
 */
export const meta: NotTextFilter = {
  id: 'meta',
  description: "the article's metadata: byline, dateline, the author's bio, the comment count (named so, and short)",
  test(_el, live, { ctx }) {
    if (!live || !ctx.named(live, META_HINT)) return false;
    const len = ctx.len(live);
    const { root, main, proseChars } = ctx.article;
    if (len > MAX_META_CHARS || len > proseChars * MAX_META_SHARE) return false;
    if ((root && live.contains(root)) || (main && live.contains(main))) return false;
    const words = ctx.words(live);
    return words.some((w) => META_WORDS.test(w)) || META_PAIRS.test(words.join(' '));
  },
};
export default meta;
