/**
 * What a not-text filter is. The article's text (the CLI's `text`, the Markdown of the reader view's
 * copy) is the text as its publisher wrote it; each filter tells one kind of element of
 * Readability's article that is on the page but is not running text (a caption, a byline, a
 * comment section's notice). Filters only tell: the element stays in the article's markup and on
 * the page. Registered in order in ./index.ts; the first that says yes names why in the report.
 */
import type { DetectorContext } from '../find/detector';

export interface TextEnv {
  ctx: DetectorContext;
  /** The article's whole text and the text of its quotes, read once when a filter asks. */
  texts(): { whole: string; quotes: string };
}

export interface NotTextFilter {
  /** Equal to the file name; names the filter in `Report.leftOut`. */
  id: string;
  /** One line: what it leaves out. */
  description: string;
  /** `el`: an element of Readability's copy; `live`: the page's element it came from, if known. */
  test(el: Element, live: Element | undefined, env: TextEnv): boolean;
}
