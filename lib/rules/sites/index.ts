/**
 * Built-in site rules, one JSON file per site, each naming the sample pages it was learned from.
 * Add a site by adding its file here.
 */
import type { SiteRules } from '../../engine/types';
import globalnews from './globalnews.ca.json';
import cnbc from './cnbc.com.json';

export const sites = [globalnews, cnbc] as SiteRules[];
