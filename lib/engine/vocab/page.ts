/**
 * The page index's words (lib/engine/page/): hidden elements, skip links, article types.
 */
import type { PatternGroup } from './group';

export const HIDING_CLASS: PatternGroup = {
  id: 'page.hiding.class',
  evidence:
    'Class names of CSS frameworks that hide an element (Bootstrap `d-none`, `sr-only`, WordPress `screen-reader-text`, Jetpack\'s `sharing-screen-reader-text` on its share buttons, "Click to share on Facebook (Opens in new window)"): its text does not show; test/article.test.ts, test/families.test.ts',
  re: /(?:^|\s)(?:hidden|d-none|is-hidden|u-hidden|sr-only|visually-hidden|screen-reader-text|sharing-screen-reader-text)(?:\s|$)/,
};

export const SKIP_LINK: PatternGroup = {
  id: 'page.skip-link',
  evidence: '"Skip to content" links: keyboard shortcuts to the page\'s parts, never article text; test/article.test.ts',
  re: /(?:^|[\s_-])skip(?:[\s_-]|link|to|$)/i,
};

export const ARTICLE_TYPE: PatternGroup = {
  id: 'page.article-type',
  evidence: 'schema.org types of an article page (NewsArticle, BlogPosting, Report); test/article.test.ts',
  re: /Article|Posting|Report|BlogPosting/i,
};
