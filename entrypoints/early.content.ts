/**
 * The early stylesheet, on sites with built-in rules only: at document_start, before anything
 * paints, the blocks those rules name are hidden by CSS (lib/site-style.ts). The main content script
 * (entrypoints/content.ts) starts once the DOM is parsed and takes the stylesheet over (it removes
 * it when the site is off). On every other site nothing of this extension runs while the page
 * parses, so the parser's tasks never carry its work.
 */
// First: its evaluation marks when this script's modules began to run (lib/perf.ts).
import { EVALUATED_AT, recordSince, timed } from '../lib/perf';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { matchPatterns } from '../lib/rules';
import { insertSiteStyle } from '../lib/site-style';
import { sites } from '../lib/sites/index';

export default defineContentScript({
  matches: matchPatterns(sites),
  runAt: 'document_start',
  // See entrypoints/content.ts: the older way to retire a previous copy posts into the page.
  noScriptStartedPostMessage: true,
  main() {
    recordSince('early-load', EVALUATED_AT);
    timed('early', () => {
      let host = '';
      try {
        host = location.hostname.toLowerCase();
      } catch {
        return;
      }
      insertSiteStyle(document, host, sites);
    });
  },
});
