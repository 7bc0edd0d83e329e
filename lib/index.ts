/** The engine's public face: analyze a page, hide what it found, restore it. */
export { analyze, pageUrl, type AnalyzeOptions, type Analysis } from './engine';
export { hideBlocks, restoreAll, restoreBlock, setShown, HIDDEN_ATTR, SHOW_ATTR, STYLE_ID, STYLESHEET } from './hide';
export { blockText } from './dom';
export { parseSiteRules, rulesForHost, hostMatches } from './rules';
export { sites } from './sites/index';
export { detectors } from './detectors/index';
export * from './types';
