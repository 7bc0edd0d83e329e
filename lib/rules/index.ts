/** Site rules: the built-in sites' rules (data), the check of a rule file, learning rules from pages. */
export { parseSiteRules, type ParsedRules } from './parse';
export { sites } from './sites/index';
