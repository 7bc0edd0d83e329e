/**
 * Learning while browsing, on the device only. Each article page the background analyzes for a
 * content script (snapshot-analyzer.ts) is digested once its answer has gone back
 * (lib/rules/learn.ts `digestPage`: its candidate blocks' signatures and short texts, and what the
 * site's selectors match there; never the article), into a bounded per-site memory in
 * storage.local (lib/extension/storage/learned.ts). From two pages of a site on, the site's
 * rules are learned again from its memory after each page (`learnFromDigests`, the learner of the
 * CLI), and merged with what was stored: a rule the user or a Keep switched off stays off, and a
 * rule that would hide article text on any page in memory is switched off by itself.
 *
 * Not learned from: a page that is no article, a page of a site turned off, a private window's
 * page, a compact snapshot (texts cut), the same address twice within RELEARN_AFTER_MS, and
 * anything at all when learning is off (Settings.learn). Pages come one at a time, after the
 * answer; a burst of pages keeps the newest MAX_WAITING.
 */
import { hostOf, siteKey } from '../../engine/page/url';
import { digestPage } from '../../rules/learn';
import { items } from '../storage/items';
import { sanitizeLearnedRules, type LearnedRulesBySite } from '../storage/learned';
import { sanitizeLearnPages, type LearnPagesBySite } from '../storage/learn-pages';
import { learnStep, probesFor } from './learn-step';
import { sanitizeSettings, siteState } from '../storage/settings';
import type { Settings } from '../storage/types';
import { update } from '../storage/writer';

/** Pages waiting to be digested: a burst of tabs opened at once is not queued whole (the newest stay). */
export const MAX_WAITING = 3;
/**
 * A page read again this soon is not digested again: its content script asks for the engine again
 * as the page grows (late blocks), and each time would cost a digest (100–500 ms of the background).
 */
export const RELEARN_AFTER_MS = 30 * 60_000;

/** A page the engine has just analyzed for a tab. */
export interface LearnOffer {
  doc: Document;
  url: string;
  isArticle: boolean;
  /** The snapshot was compact: its texts were cut, and their signatures would not match. */
  compact: boolean;
  /** The tab is in a private window. */
  incognito: boolean;
}

/** Where the learner reads and writes (the storage items, or a test's). */
export interface LearnerStore {
  settings(): Promise<Settings>;
  memory(): Promise<{ learnPages: LearnPagesBySite; learnedRules: LearnedRulesBySite }>;
  update(
    change: (saved: { learnPages: LearnPagesBySite; learnedRules: LearnedRulesBySite }) => {
      learnPages: LearnPagesBySite;
      learnedRules: LearnedRulesBySite;
    },
  ): Promise<unknown>;
}

/** The extension's storage, through the one writer. */
export const storageLearnerStore: LearnerStore = {
  async settings() {
    return sanitizeSettings(await items().settings.getValue());
  },
  async memory() {
    const [pages, rules] = await Promise.all([items().learnPages.getValue(), items().learnedRules.getValue()]);
    return { learnPages: sanitizeLearnPages(pages), learnedRules: sanitizeLearnedRules(rules) };
  },
  update: (change) => update(['learnPages', 'learnedRules'], change),
};

export { learnStep, probesFor };

export class Learner {
  private waiting: LearnOffer[] = [];
  private running = false;
  /** When each address was last digested (this worker's lifetime). */
  private readonly seen = new Map<string, number>();
  /** Resolves when the queue is empty (for tests and the benches). */
  idle: Promise<void> = Promise.resolve();
  private settle: () => void = () => {};

  constructor(
    private readonly store: LearnerStore = storageLearnerStore,
    private readonly now: () => number = Date.now,
    private readonly later: (f: () => void) => void = (f) => setTimeout(f, 0),
  ) {}

  /** A page was analyzed: learn from it after the answer has gone back, if it is one to learn from. */
  offer(page: LearnOffer): void {
    if (!page.isArticle || page.compact || page.incognito) return;
    const site = siteKey(hostOf(page.url));
    if (!site) return;
    const last = this.seen.get(page.url);
    if (last !== undefined && this.now() - last < RELEARN_AFTER_MS) return;
    this.seen.set(page.url, this.now());
    if (this.seen.size > 1000) this.seen.delete(this.seen.keys().next().value!);
    this.waiting.push(page);
    if (this.waiting.length > MAX_WAITING) this.waiting.shift();
    if (this.running) return;
    this.running = true;
    this.idle = new Promise((resolve) => (this.settle = resolve));
    this.later(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      for (let page = this.waiting.shift(); page; page = this.waiting.shift()) {
        try {
          await this.learn(page);
        } catch (e) {
          console.warn('Declutter News: could not learn from a page', page.url, e);
        }
      }
    } finally {
      this.running = false;
      this.settle();
    }
  }

  /** Digests one page and learns its site again. */
  async learn(page: LearnOffer): Promise<void> {
    const site = siteKey(hostOf(page.url));
    const settings = await this.store.settings();
    if (!settings.learn || !siteState(settings, site).on) return;
    const probes = probesFor(await this.store.memory(), site);
    const digest = digestPage({ name: page.url, doc: page.doc, url: page.url }, probes);
    // A page whose article Readability could not find has nothing to compare.
    if (digest.paragraphs.length === 0) return;
    await this.store.update((saved) => learnStep(saved, site, digest, this.now()));
  }
}
