/**
 * The early style (lib/extension/content/early.ts): at document_start, one read of this page's
 * site keys in storage.local (its own, then its parent domains'; written by the background,
 * lib/extension/background/early-style.ts), and one <style> put in when the answer comes (while
 * the page parses, unless the read is slower than the page). Nothing else: no engine, no listener,
 * nothing left running. The document_end content script (entrypoints/content.ts) takes the style
 * over once it has read the settings and rules; an answer that comes after that is dropped.
 *
 * The top frame only, as the content script that takes it over and undoes it (turned off, a block
 * kept) runs there alone: a frame's early style would hide for good.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { siteKey } from '../lib/engine/page/url';
import { earlyFor, earlyKeys } from '../lib/extension/storage/early';
import { putEarlyStyle } from '../lib/extension/content/early';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  // WXT's older "a newer copy started" signal is a postMessage into the page's window: pages see it.
  noScriptStartedPostMessage: true,
  main() {
    const keys = earlyKeys(siteKey(location.hostname));
    if (keys.length === 0) return;
    browser.storage.local.get(keys).then(
      (values) => putEarlyStyle(document, earlyFor(keys, values)),
      () => {}, // no storage (the extension is going away): nothing hidden early
    );
  },
});
