/**
 * One page, cleaned: the content script's logic, as plain DOM code (the content script only wires
 * it to storage and messages).
 *
 *   start           `start`     the site rules' early stylesheet (on a built-in rules' site the
 *                               browser put the site's CSS file in at document_start: it stands
 *                               down for this one, lib/site-style.ts)
 *   DOM ready       `auto`      on an article page (site rule or Readability): analyze + hide, then
 *                               watch for blocks inserted later; other pages are left alone
 *   popup           `show`, `keep`, `unkeep`, `restoreAll`, `clean` (clean a page anyway / again)
 *   reader view     `readerArticle`: the cleaned article, whatever the page's status
 *   settings        `turnOff` restores the page exactly; `turnOn` cleans it again; `setKept`;
 *                   `setUserRules`, `setLearnedRules` (the user's rules or the site's learned
 *                   ones changed: restored and cleaned again)
 *
 * The site's learned rules (lib/extension/storage/learned.ts) hide their blocks like the user's,
 * from the stylesheet on, but they do not make a page an article: on a page the engine calls no
 * article their stylesheet goes, and the page is left alone.
 *
 * Hiding is an attribute per block plus stylesheets; nodes are never removed, moved or created
 * (apart from the two <style> elements), so turning off leaves the DOM as the page made it — but
 * for LIVE_ATTR on <html> of a built-in rules' site, which keeps the site's built-in file off.
 *
 * With `remote` (the content script's link to the background), the engine runs away from the
 * page's main thread: the page goes as markup, the answer comes back by element path and is
 * checked block by block before anything is hidden (lib/snapshot.ts). The page's own thread only
 * serializes, finds and hides. A page over MAX_SNAPSHOT_CHARS goes as a compact snapshot, written
 * a slice at a time. Of an answer, the blocks still where the engine saw them are hidden; for the
 * others (`missed`):
 *   - the page changed while the answer was on its way: the page is asked about again, through
 *     the watcher (its pauses and budget), MAX_REMOTE_RETRIES times in a row at most;
 *   - it did not (the page parses differently away from the browser): the engine runs here, if
 *     the page is small (`fitsHere`) and, for a late run, if the background's time on it fits what
 *     is left of the watcher's budget.
 * An answer that does not come in REMOTE_TIMEOUT_MS: the first run's engine runs here (if the page
 * fits), a late run's does not. Without `remote`, or once the background failed, the engine runs
 * here on a page that fits, and is not run on one that does not (an error says so).
 *
 * Late runs (the watcher's) are charged all their work on the page's thread: the snapshot, the
 * answer's check, a run here, the hiding.
 */
import { analyze, type Analysis } from '../../engine/analyze';
import { HIDDEN_ATTR, SHOW_ATTR, hideBlocks, restoreAll, restoreBlock, setShown } from '../../engine/apply/hide';
import { listBlocks, type PageStatus, type ReaderArticle, type TabState } from '../messages';
import { timed } from './perf';
import { readerArticle } from './reader-source';
import { ruleLabel, rulesForHost } from '../../engine/find/site-rules';
import { ANY_SITE, hostOf, siteKey } from '../../engine/page/url';
import {
  KEEP_ATTR,
  LIVE_ATTR,
  insertSiteStyle,
  markKept,
  matchesAny,
  pageSpine,
  removeSiteStyle,
  selectorChecker,
  siteSelectors,
  unmarkKept,
} from '../../engine/apply/site-style';
import type { Block, DetectorError, SiteRules } from '../../engine/types';
import { CompactSnapshot, COMPACT_TEXT_CHARS, fromRemote, remoteParseMs, snapshot, MAX_SNAPSHOT_CHARS, type SnapshotRequest } from './snapshot';
import { rulesForPage, userExceptions, withoutExceptions, type UserRulesBySite } from '../storage/user-rules';
import { LateBlockWatcher, textBearing, type Clock, type WatchOptions } from './watcher';

export interface CleanerOptions {
  /** The page URL (location.href). */
  url: string;
  /** Site rules: the bundled ones. */
  sites: readonly SiteRules[];
  /** The user's rules (lib/user-rules.ts), all sites; later changes go through `setUserRules`. */
  userRules?: UserRulesBySite;
  /** The site's learned rules that are on (`learnedSiteRules`); later changes go through `setLearnedRules`. */
  learned?: readonly SiteRules[];
  watch?: Partial<WatchOptions>;
  clock?: Clock;
  Observer?: typeof MutationObserver;
  /** Runs the engine on the page's markup elsewhere (the background); its answer is checked here. */
  remote?: (request: RemoteRequest) => Promise<unknown>;
}

/** What goes to the background: the page's markup and what the engine needs besides. */
export interface RemoteRequest extends SnapshotRequest {
  sites: SiteRules[];
  keep: string[];
}

/**
 * An answer that takes longer than this is given up (the background is slow on this page, not
 * gone): the first run's engine runs on the page instead, if the page fits; a late run's does not.
 */
export const REMOTE_TIMEOUT_MS = 10_000;

/**
 * Answers that missed blocks because the page changed meanwhile: the page is asked about again at
 * most this many times in a row (a page that never stops changing is left to the watcher).
 */
export const MAX_REMOTE_RETRIES = 3;

/**
 * The largest page the engine runs on on the page's own thread (elements, characters of text): the
 * engine's time grows with both, and past these it holds the page for long (a 50 MB article took
 * 7 s, a live page grown to 20,000 elements 1 s and more). Just above every page of the corpus
 * (at most 10,039 elements, 1.1 million characters of text; 1,885 and 193,000 at the 95th
 * percentile): a news page that needs the engine here still gets it.
 */
export const MAX_LOCAL_ELEMENTS = 12_000;
export const MAX_LOCAL_TEXT = 1_500_000;

/** A compact snapshot is written in slices of about this long (ms), each in a task of its own. */
export const SNAPSHOT_SLICE_MS = 8;

/** A run of the engine in the background, not yet answered. */
interface Flight {
  /** The user asked to clean the page (a run asked for while this one flies). */
  forced: boolean;
  /** The watcher saw more change while this one flew: look again once it lands. */
  again: boolean;
  /** The watcher's run: its work on this thread is charged to the watcher's budget. */
  late: boolean;
  /** Whether the page's elements or text changed since the snapshot was begun. */
  changes: ChangeWatch;
}

/** What a run leaves: an analysis, or nothing (the page is too large to analyze). */
type Done = (analysis: Analysis | null, flight: Flight | null) => void;

/** Why an answer was given up: it took longer than REMOTE_TIMEOUT_MS. */
const TIMED_OUT = Symbol('no answer from the background in time');

/** Shortest text of an inserted element worth a new look at the page. */
const MIN_INSERTED_CHARS = 20;

export class PageCleaner {
  readonly site: string;
  readonly host: string;
  /** Selectors of the rules in the early stylesheet (checked to parse; no `:has-text()` rules). */
  selectors: string[] = [];
  status: PageStatus = 'pending';
  offBy: 'site' | 'global' | null = null;
  isArticle = false;
  forced = false;
  /** Called after every change of state (to tell the background and an open popup). */
  onChange: (state: TabState) => void = () => {};

  private blocks: Block[] = [];
  private elements = new Map<string, Element>();
  private keep = new Set<string>();
  private shown = new Set<string>();
  private errors: DetectorError[] = [];
  private ms = 0;
  private title = '';
  private watcher: LateBlockWatcher | null = null;
  /** The page's shape (see `shape`) when the engine last found no article in it. */
  private analyzedShape: string | null = null;
  /** The rules for this page: the bundled ones for its host, then the user's, exceptions applied. */
  private rules: SiteRules[] = [];
  /** Every rule's selector, `:has-text()` ones too, as one list: an inserted element it names is worth a look. */
  private ruleSelectorList = '';
  private ruleSelectors: string[] = [];
  private ownRules = false;
  /** The site has learned rules that are on: they join the stylesheet, not the verdict "article". */
  private learnedOn = false;
  private learned: readonly SiteRules[];
  /** The host has built-in rules: the browser put their CSS file in the page (lib/site-style.ts). */
  private readonly builtIn: boolean;
  private userRules: UserRulesBySite;
  private flight: Flight | null = null;
  /** The background failed once (an update, a crash): the engine runs here from then on. */
  private remoteBroken = false;
  /** Answers in a row that missed blocks on a page that changed meanwhile. */
  private retries = 0;
  /** The background's time on the page (parse and engine) in its last answer: what a run here would take, about. */
  private remoteMs = 0;
  /**
   * How runs of the engine went: snapshots sent to the background (each ends in one `answer`
   * span), answers used whole, runs here, answers that missed blocks (the others were hidden),
   * and runs not made: a page too large (`skipped`).
   */
  readonly runs = { sent: 0, remote: 0, local: 0, mismatched: 0, skipped: 0 };

  constructor(
    private readonly doc: Document,
    private readonly options: CleanerOptions,
  ) {
    // Not a URL: no host, so no site rules apply.
    const host = hostOf(options.url);
    this.host = host;
    this.site = siteKey(host);
    this.userRules = options.userRules ?? {};
    this.learned = options.learned ?? [];
    this.builtIn = rulesForHost(host, options.sites).length > 0;
    this.useRules();
  }

  /**
   * Has the host rules of its own (bundled, or the user's for its site)? Then its pages are
   * articles and the early stylesheet applies. The user's rules for every site do not count.
   */
  get hasRules(): boolean {
    return this.ownRules;
  }

  /** Is there a stylesheet of rules for the page: the host's own, or its site's learned rules. */
  private get styled(): boolean {
    return this.ownRules || this.learnedOn;
  }

  /** A learned rule by the label its blocks carry (`learned:<site> <selector>`), for Keep to switch it off. */
  learnedRuleOf(label: string): { selector: string; hasText?: string } | null {
    for (const s of this.learned)
      for (const r of s.rules) if (ruleLabel(s, r) === label) return { selector: r.selector, ...(r.hasText !== undefined ? { hasText: r.hasText } : {}) };
    return null;
  }

  /**
   * The user's rules changed: the page follows. Before DOM ready only the early stylesheet
   * changes. A cleaned page is put back exactly and cleaned again under the new rules, so a rule
   * taken away leaves nothing behind; a page left alone as no article is cleaned once its site has
   * rules. A page that is off or restored takes the rules when it is cleaned again.
   */
  setUserRules(all: UserRulesBySite): void {
    this.rulesChanged(() => (this.userRules = all));
  }

  /**
   * The site's learned rules changed (learned again, one switched off): the page follows, as for
   * the user's. Storage tells every page each time any site is learned: the same rules cost nothing.
   */
  setLearnedRules(learned: readonly SiteRules[]): void {
    if (JSON.stringify(learned) === JSON.stringify(this.learned)) return;
    this.rulesChanged(() => (this.learned = learned));
  }

  /** The user's rules and the site's learned ones at once (as the content script first reads them): one pass over the rules. */
  setRules(all: UserRulesBySite, learned: readonly SiteRules[]): void {
    this.rulesChanged(() => {
      this.userRules = all;
      this.learned = learned;
    });
  }

  private rulesChanged(change: () => void): void {
    const before = JSON.stringify(this.rules);
    change();
    this.useRules();
    if (JSON.stringify(this.rules) === before) return; // another site's rules changed
    this.analyzedShape = null; // the verdict "not an article" was reached under the old rules
    // A run in flight used the old rules: its answer is dropped, and the page analyzed again.
    const flying = this.flight;
    this.dropFlight();
    if (this.status === 'pending') {
      removeSiteStyle(this.doc);
      this.start();
      if (flying) this.run(flying.forced);
    } else if (this.status === 'not-article') {
      if (flying) this.run(flying.forced);
      else if (this.hasRules) this.auto();
    } else if (this.status === 'cleaned') {
      const forced = this.forced;
      this.putBack();
      this.errors = [];
      this.status = 'pending';
      this.run(forced);
    }
  }

  private useRules(): void {
    const learned = withoutExceptions(
      this.learned.filter((s) => s.host === this.site),
      userExceptions(this.userRules, this.host),
    );
    this.rules = [...rulesForPage(this.host, this.options.sites, this.userRules), ...learned];
    // Never the page's frame or what holds its article: the stylesheet would blank the page until the answer.
    const valid = selectorChecker(this.doc, pageSpine(this.doc));
    this.selectors = siteSelectors(this.host, this.rules, valid);
    this.ruleSelectors = [...new Set(this.rules.flatMap((s) => s.rules.map((r) => r.selector.trim())))].filter(valid);
    this.ruleSelectorList = this.ruleSelectors.join(',');
    this.ownRules = this.rules.some((s) => s.host !== ANY_SITE && !s.learned);
    this.learnedOn = learned.some((s) => s.rules.length > 0);
  }

  /** Does an inserted element match one of the rules' selectors? One query for all of them. */
  private named(el: Element): boolean {
    if (!this.ruleSelectorList) return false;
    try {
      return el.matches(this.ruleSelectorList);
    } catch {
      return matchesAny(el, this.ruleSelectors);
    }
  }

  /**
   * When the content script starts: the early stylesheet, now the content script's own. The
   * site's built-in file stands down for it for good (also when the site is turned off).
   */
  start(): void {
    if (this.builtIn) this.doc.documentElement?.setAttribute(LIVE_ATTR, '');
    if (this.styled) insertSiteStyle(this.doc, this.selectors);
  }

  /**
   * When the DOM is ready: clean an article page, leave other pages alone. An article is a page of
   * a site with rules, or one the engine calls an article (report.isArticle, the one decision the
   * CLI and the benches report too).
   */
  auto(): void {
    if (this.status === 'off' || this.status === 'cleaned' || this.status === 'restored') return;
    // Analyzed already and not an article: look again only if the page has changed since.
    if (this.status === 'not-article' && this.analyzedShape !== null && this.analyzedShape === this.shape()) return;
    this.run(false);
  }

  /**
   * A cheap sign of the page's content: its number of elements and of characters (on a page loaded
   * as more than MAX_SNAPSHOT_CHARS, counted text by text: its `textContent` would be built whole).
   */
  private shape(): string {
    const body = this.doc.body;
    if (!body) return '';
    const chars = loadedSize(this.doc) > MAX_SNAPSHOT_CHARS ? textLength(body) : (body.textContent ?? '').length;
    return `${body.getElementsByTagName('*').length}:${chars}`;
  }

  /** Cleans the page though it is not an article (the user asked), or again after "Restore all". */
  clean(): boolean {
    if (this.status === 'off') return false;
    if (this.status === 'cleaned') return true;
    this.run(this.forced || !this.isArticle);
    return true;
  }

  /** The site or the extension was turned off: the page goes back exactly as it was. */
  turnOff(offBy: 'site' | 'global'): void {
    this.putBack();
    this.forced = false;
    this.offBy = offBy;
    this.setStatus('off');
  }

  /** Turned on again: back to the start's and DOM-ready behaviour. */
  turnOn(): void {
    if (this.status !== 'off') return;
    this.offBy = null;
    this.status = 'pending';
    this.start();
    this.auto();
  }

  /** The blocks to keep on this site (from storage). Applies changes to a cleaned page. */
  setKept(ids: Iterable<string>): void {
    const next = new Set(ids);
    const before = this.keep;
    this.keep = next;
    if (this.status !== 'cleaned') return;
    let changed = false;
    for (const b of this.blocks) {
      if (next.has(b.id) && !b.kept) changed = this.keepBlock(b) || changed;
      else if (!next.has(b.id) && b.kept && before.has(b.id)) changed = this.unkeepBlock(b) || changed;
    }
    if (changed) this.emit();
  }

  /** Shows a hidden block for a moment (outlined, scrolled into view), or hides it again. */
  show(id: string, shown: boolean): boolean {
    if (this.status !== 'cleaned') return false;
    const el = setShown(this.doc, id, shown);
    if (!el) return false;
    if (shown) this.shown.add(id);
    else this.shown.delete(id);
    this.emit();
    if (shown) scrollTo(el);
    return true;
  }

  /** Keeps a block: restored now and (by the caller) remembered for the site. */
  keepBlock(block: Block | string): boolean {
    const b = typeof block === 'string' ? this.blocks.find((x) => x.id === block) : block;
    if (!b || this.status !== 'cleaned') return false;
    const el = this.elements.get(b.id);
    restoreBlock(this.doc, b.id);
    this.shown.delete(b.id);
    if (el?.isConnected) markKept(el, b.id);
    b.kept = true;
    this.keep.add(b.id);
    if (typeof block === 'string') this.emit();
    return true;
  }

  /** Hides a kept block again. */
  unkeepBlock(block: Block | string): boolean {
    const b = typeof block === 'string' ? this.blocks.find((x) => x.id === block) : block;
    if (!b || this.status !== 'cleaned') return false;
    const el = this.elements.get(b.id);
    if (el?.isConnected) {
      unmarkKept(el);
      hideBlocks(this.doc, [[b.id, el]]);
    }
    delete b.kept;
    this.keep.delete(b.id);
    if (typeof block === 'string') this.emit();
    return true;
  }

  /** Every block back on this page, for this visit. */
  restoreAll(): boolean {
    if (this.status !== 'cleaned') return false;
    this.dropFlight();
    this.stopWatching();
    restoreAll(this.doc);
    removeSiteStyle(this.doc);
    this.shown.clear();
    this.setStatus('restored');
    return true;
  }

  /** Stops watching for late blocks (the page is going away, maybe into the back/forward cache). */
  dispose(): void {
    this.stopWatching();
  }

  /** Back from the back/forward cache: watch for late blocks again. */
  resume(): void {
    if (this.status === 'cleaned' && !this.watcher) this.startWatching();
  }

  /**
   * The cleaned article for the reader view: a fresh analysis of the page as it is now (late
   * blocks included), the blocks kept on this site left in. Asked for by the user, so it works on
   * any page, on or off; it changes nothing on the page.
   */
  readerArticle(): ReaderArticle | null {
    return readerArticle(this.doc, { url: this.options.url, sites: this.rules, keep: this.keep });
  }

  block(id: string): Block | undefined {
    return this.blocks.find((b) => b.id === id);
  }

  state(): TabState {
    const { blocks, more } = this.status === 'cleaned' || this.status === 'restored' ? listBlocks(this.blocks) : { blocks: [], more: {} };
    return {
      url: this.options.url,
      site: this.site,
      title: this.title || this.doc.title || '',
      status: this.status,
      offBy: this.status === 'off' ? this.offBy : null,
      isArticle: this.isArticle,
      forced: this.forced,
      rules: rulesForHost(this.host, this.options.sites)[0]?.host ?? null,
      blocks: blocks.map((b) => ({ ...b })),
      more,
      hidden: this.status === 'cleaned' ? this.blocks.filter((b) => !b.kept).length : 0,
      shown: this.status === 'cleaned' ? [...this.shown] : [],
      errors: [...this.errors],
      ms: Math.round(this.ms * 10) / 10,
    };
  }

  // ---- internals ----

  private setStatus(status: PageStatus): void {
    this.status = status;
    this.emit();
  }

  private emit(): void {
    this.onChange(this.state());
  }

  private notArticle(): void {
    this.isArticle = false;
    // Learned rules are for the site's articles: on another page their stylesheet goes.
    if (!this.hasRules) removeSiteStyle(this.doc);
    this.title = this.title || this.doc.title || '';
    this.setStatus('not-article');
  }

  /** Analyzes the page (here or in the background), then cleans it if it is an article or `forced`. */
  private run(forced: boolean): void {
    if (this.flight) {
      this.flight.forced ||= forced; // the answer on its way will do
      return;
    }
    this.analyzeThen(forced, false, (analysis, flight) => this.finish(flight?.forced ?? forced, analysis));
  }

  private finish(forced: boolean, found: Analysis | null): void {
    // Too large to analyze: nothing found (the site's rules still hide what they name).
    const analysis = found ?? { report: { isArticle: false, blocks: [] }, elements: new Map<string, Element>() };
    if (!forced && !this.hasRules && !analysis.report.isArticle) {
      this.analyzedShape = this.shape();
      this.notArticle();
      return;
    }
    this.isArticle = this.hasRules || analysis.report.isArticle;
    this.forced = forced;
    this.blocks = [];
    this.elements.clear();
    this.shown.clear();
    this.start();
    this.merge(analysis);
    this.status = 'cleaned';
    this.emit();
    this.startWatching();
  }

  /**
   * The engine on the page as it is now: in the background when there is one (`done` runs when its
   * answer lands, in a task of its own), else here and at once. `late`: the watcher's run.
   */
  private analyzeThen(forced: boolean, late: boolean, done: Done): void {
    const remote = this.options.remote;
    if (!remote || this.remoteBroken || !this.doc.body) {
      done(this.analyzeHere(), null);
      return;
    }
    const flight: Flight = { forced, again: false, late, changes: watchChanges(this.doc.body, this.observer()) };
    this.flight = flight;
    // A page loaded as more markup than a snapshot takes goes compact at once: serializing it
    // whole first would hold the page as long as the compact snapshot takes, for nothing.
    const html = loadedSize(this.doc) > MAX_SNAPSHOT_CHARS ? '' : snapshot(this.doc);
    if (html && html.length <= MAX_SNAPSHOT_CHARS) {
      this.send(remote, flight, html, false, done);
      return;
    }
    // Written a slice at a time, each in a task of its own (the first in this one).
    const compact = new CompactSnapshot(this.doc);
    const slice = () => {
      if (this.flight !== flight) return; // put back, turned off or re-ruled meanwhile
      let finished = true;
      try {
        finished = compact.step(now() + SNAPSHOT_SLICE_MS, now);
      } catch {
        compact.html = ''; // a page the walk could not read: as one too large (never a throw into the page)
      }
      if (!finished) setTimeout(next, 0);
      else if (compact.html) this.send(remote, flight, compact.html, true, done);
      else {
        this.flight = null;
        flight.changes.stop();
        this.tooLarge(
          `too large to analyze: its markup is over ${MAX_SNAPSHOT_CHARS.toLocaleString('en')} characters even with each text cut to ${COMPACT_TEXT_CHARS}`,
        );
        done(null, flight);
        if (flight.again) this.watcher?.request();
      }
    };
    // The next slices: a span each, charged to a late run (the first is the caller's own).
    const next = () => {
      const t0 = this.clock();
      timed('snapshot', slice);
      if (flight.late) this.watcher?.charge(this.clock() - t0);
    };
    slice();
  }

  /** Sends a snapshot to the background; what its answer brings is checked, hidden or run again. */
  private send(remote: NonNullable<CleanerOptions['remote']>, flight: Flight, html: string, compact: boolean, done: Done): void {
    this.runs.sent++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(TIMED_OUT), REMOTE_TIMEOUT_MS);
    });
    const request: RemoteRequest = { html, url: this.options.url, sites: this.rules, keep: [...this.keep], compact };
    // `answer` undefined: the background failed (`timedOut`: or took too long).
    const land = (answer: unknown, timedOut = false) =>
      timed('answer', () => {
        clearTimeout(timer);
        if (this.flight !== flight) return; // put back, turned off or re-ruled meanwhile
        this.flight = null;
        const t0 = this.clock();
        const changed = flight.changes.changed();
        flight.changes.stop();
        const found = answer === undefined ? null : fromRemote(this.doc, answer);
        let analysis: Analysis | null = found?.analysis ?? null;
        let again = flight.again;
        if (found) {
          this.remoteMs = found.analysis.report.timings.total + remoteParseMs(answer);
          this.ms += this.remoteMs;
          this.note(found.analysis);
        }
        if (found && found.missed === 0) {
          this.runs.remote++;
          this.retries = 0;
        } else if (answer === undefined && !timedOut) {
          this.remoteBroken = true; // the background failed: from now on the engine runs here
          analysis = this.runHere(flight, this.remoteMs);
        } else if (answer === undefined) {
          // Too slow on this page: the first run's engine here (a late run would take as long).
          analysis = this.runHere(flight, Infinity);
        } else {
          // Some blocks (or the whole answer) did not fit the page: those that did are hidden.
          this.runs.mismatched++;
          if (found && changed) {
            // The page changed while the answer was on its way: ask again (through the watcher).
            again ||= ++this.retries <= MAX_REMOTE_RETRIES;
          } else {
            // It did not change: the page parses differently away from the browser.
            analysis = this.runHere(flight, found ? this.remoteMs : 0) ?? analysis;
          }
        }
        done(analysis, flight);
        if (flight.late) this.watcher?.charge(this.clock() - t0);
        if (again) this.watcher?.request();
      });
    Promise.race([remote(request), timeout]).then(land, (e) => land(undefined, e === TIMED_OUT));
  }

  /** The page exactly as it was, and nothing found on it: no run in flight, no watcher, no block. */
  private putBack(): void {
    this.dropFlight();
    this.stopWatching();
    restoreAll(this.doc);
    removeSiteStyle(this.doc);
    this.blocks = [];
    this.elements.clear();
    this.shown.clear();
  }

  /** Drops the answer of a run in flight: the page was put back, turned off or re-ruled. */
  private dropFlight(): void {
    this.flight = null;
  }

  /**
   * The engine here in place of the background's, for a run in flight: on a page that fits, and for
   * a late run only if `estimate` (what the background took on the page) fits what is left of the
   * watcher's budget. Null when it does not run.
   */
  private runHere(flight: Flight, estimate: number): Analysis | null {
    if (flight.late && !(estimate <= (this.watcher?.remaining ?? 0))) return null;
    return this.analyzeHere();
  }

  /** The engine here, on a page that fits (`fitsHere`); null (and an error saying so) on one that does not. */
  private analyzeHere(): Analysis | null {
    if (!this.fitsHere()) {
      this.tooLarge(
        `too large to analyze on the page: over ${MAX_LOCAL_ELEMENTS.toLocaleString('en')} elements or ${MAX_LOCAL_TEXT.toLocaleString('en')} characters of text`,
      );
      return null;
    }
    this.runs.local++;
    return this.analyzeNow();
  }

  /**
   * Small enough for the engine on the page's own thread: at most MAX_LOCAL_ELEMENTS elements and
   * MAX_LOCAL_TEXT characters of text (counted text by text, without building the page's text,
   * and only as far as the limit).
   */
  private fitsHere(): boolean {
    const body = this.doc.body;
    if (!body) return true;
    return body.getElementsByTagName('*').length <= MAX_LOCAL_ELEMENTS && textLength(body, MAX_LOCAL_TEXT) <= MAX_LOCAL_TEXT;
  }

  /** The engine was not run: the page is too large (kept as an error of source `page`, shown with the page's state). */
  private tooLarge(message: string): void {
    this.runs.skipped++;
    if (!this.errors.some((e) => e.source === 'page' && e.message === message)) this.errors.push({ source: 'page', message });
  }

  /** The time for the watcher's budget: its clock's (a test's fake one), else performance.now(). */
  private clock(): number {
    return this.options.clock ? this.options.clock.now() : now();
  }

  private observer(): typeof MutationObserver | undefined {
    return this.options.Observer ?? this.doc.defaultView?.MutationObserver;
  }

  /** Runs the engine on the whole page, here; keeps its time and errors. */
  private analyzeNow(): Analysis {
    const t0 = now();
    const analysis = analyze(this.doc, { url: this.options.url, sites: this.rules, keep: this.keep });
    this.ms += now() - t0;
    this.note(analysis);
    return analysis;
  }

  /** Keeps an analysis's title and errors. */
  private note(analysis: Analysis): void {
    const { report } = analysis;
    if (!this.title) this.title = report.title;
    for (const e of report.errors) {
      if (!this.errors.some((x) => x.source === e.source && x.message === e.message)) this.errors.push(e);
    }
  }

  /** Adds what an analysis found that is new; blocks found before keep their ids. */
  private merge({ report, elements }: Pick<Analysis, 'elements'> & { report: { blocks: readonly Block[] } }): boolean {
    // Blocks the page took away are no longer on it.
    let changed = false;
    for (const b of this.blocks) {
      if (!this.elements.get(b.id)?.isConnected) {
        this.elements.delete(b.id);
        changed = true;
      }
    }
    if (changed) this.blocks = this.blocks.filter((b) => this.elements.has(b.id));

    const known = new Map<Element, string>();
    for (const [id, el] of this.elements) known.set(el, id);
    const toHide: [string, Element][] = [];
    for (const found of report.blocks) {
      const el = elements.get(found.id)!;
      if (known.has(el)) continue; // found before (its text may have changed since)
      // The same id on another element (a repeat that arrived before a known one): a new id.
      let id = found.id;
      for (let n = 2; this.elements.has(id); n++) id = `${found.id}~${n}`;
      const kept = this.keep.has(id);
      const block: Block = { ...found, id };
      if (kept) block.kept = true;
      else delete block.kept;
      this.blocks.push(block);
      this.elements.set(id, el);
      known.set(el, id);
      changed = true;
      if (kept) markKept(el, id);
      else toHide.push([id, el]);
    }
    if (toHide.length) hideBlocks(this.doc, toHide);
    this.markRefused();
    if (changed) this.sortBlocks();
    return changed;
  }

  /**
   * An element a site rule names but the engine refused (it holds article text) must not stay
   * hidden by the early stylesheet: it is marked to show.
   */
  private markRefused(): void {
    if (!this.styled || this.selectors.length === 0) return;
    let found: Element[];
    try {
      found = Array.from(this.doc.querySelectorAll(this.selectors.join(',')));
    } catch {
      found = Array.from(this.doc.querySelectorAll('*')).filter((el) => matchesAny(el, this.selectors));
    }
    for (const el of found) {
      if (el.hasAttribute(KEEP_ATTR) || el.closest(`[${HIDDEN_ATTR}], [${KEEP_ATTR}]`)) continue;
      markKept(el, '');
    }
  }

  private sortBlocks(): void {
    const pos = (b: Block) => this.elements.get(b.id)!;
    this.blocks.sort((a, b) => {
      const x = pos(a);
      const y = pos(b);
      if (x === y) return 0;
      return x.compareDocumentPosition(y) & 4 /* FOLLOWING */ ? -1 : 1;
    });
  }

  /** Blocks inserted after the run: the page is analyzed again, and what is new is hidden. */
  private late(): void {
    if (this.flight) {
      this.flight.again = true; // asked for again through the watcher once it lands
      return;
    }
    this.analyzeThen(false, true, (analysis) => {
      if (this.status !== 'cleaned' || !analysis) return;
      if (this.merge(analysis)) this.emit();
    });
  }

  private startWatching(): void {
    this.stopWatching();
    const view = this.doc.defaultView;
    const Observer = this.observer();
    if (!this.doc.body || !Observer) return;
    const relevant = textBearing(MIN_INSERTED_CHARS, `[${HIDDEN_ATTR}]`);
    this.watcher = new LateBlockWatcher(
      this.doc.body,
      (el) => relevant(el) || this.named(el),
      () => timed('late', () => this.late()),
      this.options.watch,
      this.options.clock,
      Observer,
    );
    this.watcher.start();
    view?.addEventListener('scroll', this.onScroll, { passive: true });
  }

  private stopWatching(): void {
    this.watcher?.stop();
    this.watcher = null;
    this.doc.defaultView?.removeEventListener('scroll', this.onScroll);
  }

  /** The reader scrolled (a page script's made-up `scroll` does not count): more may load. */
  private readonly onScroll = (e: Event): void => {
    if (e.isTrusted) this.watcher?.rearm();
  };

  /** For tests and the popup's footnote: the late-block watcher's counters. */
  get watching(): { running: boolean; batches: number; spent: number } {
    return { running: !!this.watcher?.running, batches: this.watcher?.batches ?? 0, spent: this.watcher?.spent ?? 0 };
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Whether a page's elements or text changed since it was begun (its own hiding, attributes only, is not a change). */
interface ChangeWatch {
  changed(): boolean;
  stop(): void;
}

function watchChanges(body: Node, Observer: typeof MutationObserver | undefined): ChangeWatch {
  if (!Observer) return { changed: () => true, stop: () => {} };
  let seen = false;
  const observer = new Observer(() => {
    seen = true;
    observer.disconnect();
  });
  observer.observe(body, { childList: true, characterData: true, subtree: true });
  return {
    changed: () => seen || observer.takeRecords().length > 0,
    stop: () => observer.disconnect(),
  };
}

/**
 * The length of the text under `root`, text node by text node, without building it (a 50 MB page's
 * `textContent` is a 50 MB string): as `textContent.length`, or past `limit` once it is.
 */
function textLength(root: Node, limit = Infinity): number {
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let chars = 0;
  for (let t = walker.nextNode(); t && chars <= limit; t = walker.nextNode()) chars += (t as CharacterData).length;
  return chars;
}

/** How much markup the page was loaded as (its HTML's decoded size); 0 where the browser does not say. */
function loadedSize(doc: Document): number {
  try {
    const entry = doc.defaultView?.performance?.getEntriesByType?.('navigation')?.[0] as PerformanceNavigationTiming | undefined;
    return entry?.decodedBodySize ?? 0;
  } catch {
    return 0;
  }
}

function scrollTo(el: Element): void {
  try {
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  } catch {
    // not laid out (linkedom, or a detached frame)
  }
}

export { SHOW_ATTR };
