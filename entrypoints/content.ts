/**
 * The content script: wires a PageCleaner (lib/cleaner.ts) to the user's settings, to the popup,
 * and to the reader view (which asks for the cleaned article). Runs at document_end, once the DOM
 * is parsed: nothing of it runs inside the page's parsing. On sites with built-in rules the early
 * stylesheet is in since document_start (a CSS file the browser puts in, lib/site-style.ts); this
 * script takes it over, and puts in the user's plain-CSS rules for a site of their own. Those (and
 * the learned rules) were put in at document_start by the early script (entrypoints/early.content.ts)
 * if the background had them for the site: once this script has read the settings and rules, its
 * stylesheet holds them and the early one goes (lib/extension/content/early.ts).
 */
// First: its evaluation marks when this script's modules began to run (lib/perf.ts).
import { EVALUATED_AT, perfRecord, recordSince, timed } from '../lib/extension/content/perf';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PageCleaner, type RemoteRequest } from '../lib/extension/content/cleaner';
import { listen, sendToExtension, type TabState } from '../lib/extension/messages';
import { ScriptLife, onTrusted } from '../lib/extension/content/lifetime';
import { startPicker, type PickChoice, type Picker } from '../lib/ui/picker/picker';
import { keptIds, siteState } from '../lib/extension/storage/settings';
import {
  loadKept,
  loadLearnedRules,
  loadSettings,
  loadUserRules,
  saveForSite,
  watchKept,
  watchLearnedRules,
  watchSettings,
  watchUserRules,
  type SiteChange,
} from '../lib/extension/storage/store';
import { learnedSiteRules, type LearnedRulesBySite } from '../lib/extension/storage/learned';
import { sites } from '../lib/rules/sites/index';
import { takeOverEarlyStyle } from '../lib/extension/content/early';

/** A page that is not an article when its DOM is ready may become one once its scripts ran. */
const RECHECK_AFTER_LOAD_MS = 1500;
/** The event a newer copy of this script sends as it starts: WXT's own name for it (private in its types). */
const NEWER_COPY_EVENT = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_end',
  // WXT's older way to retire a previous copy of this script after an update posts a message into
  // the page's own window: pages see it, and it cost 15–30 ms of the task it ran in. The newer way
  // (a DOM event) stays.
  noScriptStartedPostMessage: true,
  // WXT's context (its argument here) ends on that event alone, which any page script can send:
  // this script's life is its own (lib/extension/content/lifetime.ts), and ends only with the
  // extension's runtime.
  main() {
    const life = new ScriptLife();
    // Main-thread spans of this script's work are recorded for the browser benchmark (lib/perf.ts).
    recordSince('load', EVALUATED_AT);
    const cleaner = timed('start', () => {
      // The engine runs in the background on the page's markup; this thread serializes and hides.
      // Gone (an update), the extension cannot answer: this copy ends, and the page goes back.
      const remote = (request: RemoteRequest) =>
        life.check() ? sendToExtension({ type: 'analyze', ...request }) : Promise.reject(new Error('the extension is gone'));
      const c = new PageCleaner(document, { url: location.href, sites, remote });
      c.start();
      return c;
    });
    perfRecord().runs = cleaner.runs;

    const send = (state: TabState) => {
      if (life.check()) sendToExtension({ type: 'tabState', state }).catch(() => {});
    };
    sendToExtension({ type: 'pageStart' }).catch(() => {});
    cleaner.onChange = send;

    const domReady = new Promise<void>((resolve) => {
      if (document.readyState !== 'loading') resolve();
      else onTrusted(document, 'DOMContentLoaded', () => resolve(), { once: true });
    });
    // The latest settings for this site, and whether the DOM is ready to be cleaned.
    let on = true;
    let offBy: 'site' | 'global' | null = null;
    let ready = false;
    // The site's learned rules, used while learning is on (Settings.learn); those the page began with (`base`).
    let learning = true;
    let learned: LearnedRulesBySite = {};
    let base: LearnedRulesBySite | undefined;
    const learnedNow = () => (learning ? learnedSiteRules(learned, cleaner.host, base) : []);
    const useLearned = () => cleaner.setLearnedRules(learnedNow());
    const apply = () => {
      if (!on) cleaner.turnOff(offBy ?? 'site');
      else if (ready && cleaner.status === 'off') cleaner.turnOn();
      else if (ready) cleaner.auto();
    };

    void (async () => {
      const [settings, kept, userRules, learnedRules] = await Promise.all([loadSettings(), loadKept(), loadUserRules(), loadLearnedRules()]);
      timed('settings', () => {
        try {
          ({ on, offBy } = siteState(settings, cleaner.site));
          cleaner.setKept(keptIds(kept, cleaner.site));
          learning = settings.learn;
          learned = learnedRules;
          base = learnedRules;
          cleaner.setRules(userRules, learnedNow()); // their plain-CSS rules join the early stylesheet, as do the site's learned ones
          apply();
        } finally {
          // In the same task, the document_start script's style goes: the rules are in ours now (or the site is off).
          takeOverEarlyStyle();
        }
      });
      await domReady;
      // A task of its own: the task that fires DOMContentLoaded also holds the parser's last chunk.
      await new Promise((resolve) => setTimeout(resolve, 0));
      ready = true;
      timed('dom-ready', apply);
      if (cleaner.status === 'not-article') {
        const again = () => timed('recheck', () => cleaner.status === 'not-article' && cleaner.auto());
        const recheck = () => setTimeout(() => life.check() && again(), RECHECK_AFTER_LOAD_MS);
        if (document.readyState === 'complete') recheck();
        else onTrusted(window, 'load', recheck, { once: true });
      }
    })();

    const unwatchSettings = watchSettings((settings) => {
      ({ on, offBy } = siteState(settings, cleaner.site));
      if (settings.learn !== learning) {
        learning = settings.learn;
        useLearned();
      }
      apply();
    });
    const unwatchKept = watchKept((kept) => cleaner.setKept(keptIds(kept, cleaner.site)));
    const unwatchUserRules = watchUserRules((rules) => cleaner.setUserRules(rules));
    const unwatchLearned = watchLearnedRules((all) => {
      learned = all;
      useLearned();
    });

    // What is saved for this site changes through the background (the only writer of storage).
    const saveHere = async (change: SiteChange) => {
      const result = await saveForSite(change);
      if (!result.ok) throw new Error(`not saved: ${result.failure?.error ?? 'refused'}`);
    };

    // "Hide blocks like this": the rule is saved for the site; the cleaner applies it when user rules change.
    let picker: Picker | null = null;
    const saveRule = ({ selector, kind }: PickChoice) => saveHere({ op: 'pickRule', site: cleaner.site, selector, kind });

    const unlisten = listen({
      getState: () => cleaner.state(),
      show: ({ id, shown }) => ({ ok: cleaner.show(id, shown), state: cleaner.state() }),
      keep: async ({ id }) => {
        const block = cleaner.block(id);
        const ok = !!block && cleaner.keepBlock(id);
        if (ok && block) await saveHere({ op: 'keep', site: cleaner.site, block: { id: block.id, kind: block.kind, text: block.text } });
        // Keep on a block a learned rule hid: the rule goes off for the site.
        const learnedRule = ok && block ? cleaner.learnedRuleOf(block.rule) : null;
        if (learnedRule) await saveHere({ op: 'keepLearned', site: cleaner.site, ...learnedRule });
        return { ok, state: cleaner.state() };
      },
      unkeep: async ({ id }) => {
        const ok = cleaner.unkeepBlock(id);
        if (ok) await saveHere({ op: 'unkeep', site: cleaner.site, id });
        return { ok, state: cleaner.state() };
      },
      restoreAll: () => ({ ok: cleaner.restoreAll(), state: cleaner.state() }),
      clean: () => ({ ok: cleaner.clean(), state: cleaner.state() }),
      getArticle: () => cleaner.readerArticle(),
      pick: () => {
        if (cleaner.status === 'off' || !cleaner.site) return { ok: false };
        if (!picker?.active) picker = startPicker(document, { save: saveRule });
        return { ok: picker.active };
      },
    });

    // Only the browser's own events: a page script's made-up `pagehide` would stop the watcher.
    const unPagehide = onTrusted(window, 'pagehide', () => cleaner.dispose());
    // Back from the back/forward cache: the badge was cleared by the navigation away.
    const unPageshow = onTrusted<PageTransitionEvent>(window, 'pageshow', (e) => {
      if (!e.persisted) return;
      cleaner.resume();
      send(cleaner.state());
    });
    // The extension was updated, reloaded, turned off or removed: this copy puts the page back
    // first; then it lets go of the browser's APIs (each step on its own: with the runtime gone,
    // taking a listener away may throw).
    life.watchNewerCopies(document, NEWER_COPY_EVENT);
    life.onEnd(() => {
      cleaner.onChange = () => {};
      cleaner.turnOff('global');
      takeOverEarlyStyle();
    });
    life.onEnd(() => picker?.cancel());
    life.onEnd(unPagehide);
    life.onEnd(unPageshow);
    life.onEnd(unlisten);
    life.onEnd(unwatchSettings);
    life.onEnd(unwatchKept);
    life.onEnd(unwatchUserRules);
    life.onEnd(unwatchLearned);
  },
});
