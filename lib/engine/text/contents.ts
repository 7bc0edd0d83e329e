/** `contents`: the article's table of contents (`ez-toc-container`, `table-of-contents`). */
import { MAX_CONTROL_LABEL_CHARS } from './control-label';
import type { NotTextFilter } from './filter';
import { hasWord } from '../vocab/group';
import { TOC_CLASS } from '../vocab/text';

/** A table of contents is links to the article's own sections, under a title of a few words. */
export const MIN_TOC_LINK_DENSITY = 0.5;

/** Navigation through the article, not its text: named so, and mostly links, or its title (named so too). */
export const contents: NotTextFilter = {
  id: 'contents',
  description: 'a table of contents: named so, and mostly links, or its title',
  test(_el, live, { ctx }) {
    if (!live || !ctx.named(live, TOC_CLASS.hint)) return false;
    const words = ctx.words(live);
    if (!words.some((w) => hasWord(TOC_CLASS.words, w)) && !/\btable of contents\b/.test(words.join(' '))) return false;
    // (A heading's anchor named for the table of contents, `ez-toc-section`, is the article's own heading.)
    return (ctx.len(live) <= MAX_CONTROL_LABEL_CHARS && words.includes('title')) || ctx.linkDensity(live) >= MIN_TOC_LINK_DENSITY;
  },
};
export default contents;
