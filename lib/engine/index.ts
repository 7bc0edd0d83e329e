/**
 * The engine's public face: analyze a page, hide what it found, restore it. Code outside the
 * engine (the UI above all) reaches it through this file.
 */
export { analyze, type AnalyzeOptions, type Analysis } from './analyze';
export { hideBlocks, restoreAll, restoreBlock, setShown, HIDDEN_ATTR, SHOW_ATTR, STYLE_ID, STYLESHEET } from './apply/hide';
export { KEEP_ATTR } from './apply/site-style';
export { MIN_PROSE_CHARS, readArticle, readabilitySkipped, type ArticleInfo } from './article/article';
export { indexPage, type PageIndex } from './page/index';
export { blockText, collapsedLength } from './page/dom';
export { ANY_SITE, hostMatches, hostOf, pageUrl, siteKey } from './page/url';
export { rulesForHost } from './find/site-rules';
export { detectors } from './find/detectors/index';
export * from './types';
export { CLASS_KIND, kindOfName, type NamedKind } from './vocab/kinds';
