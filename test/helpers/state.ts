/** A tab's state as the content script reports it, for tests: a cleaned Global News article. */
import type { TabState } from '../../lib/extension/messages';

export function tabState(over: Partial<TabState> = {}): TabState {
  return {
    url: 'https://globalnews.ca/news/1/',
    site: 'globalnews.ca',
    title: 'A story',
    status: 'cleaned',
    offBy: null,
    isArticle: true,
    forced: false,
    rules: 'globalnews.ca',
    blocks: [],
    more: {},
    hidden: 0,
    shown: [],
    errors: [],
    ms: 0,
    ...over,
  };
}
