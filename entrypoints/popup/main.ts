/**
 * The popup: what Declutter News hid on this tab's page, and why, with Show / Keep per block; the
 * rules learned on the page's site, each with a switch (lib/ui/learned.ts); the reader view of the
 * page; "Hide blocks like this" (the block picker on the page); the keyboard shortcuts. `popup.html?tabId=N` shows tab N; without it, the active tab of the window. Every word
 * goes through the browser's i18n (lib/i18n.ts).
 *
 * A page may have hundreds of blocks (its state lists MAX_LISTED_BLOCKS and counts the rest): each
 * group draws ROWS_PER_PAGE rows and a "Show N more" button, and a new state of the same list
 * (Show, Keep) changes the rows it concerns in place instead of drawing the list again.
 */
import { browser } from 'wxt/browser';
import { byId, el, replaceChildren } from '../../lib/ui/el';
import { localize, t, tNodes, type MessageKey } from '../../lib/extension/i18n';
import { COMMANDS, foundCount, onTabState, sendToExtension, sendToTab, type CommandName, type Request, type TabState } from '../../lib/extension/messages';
import { sanitizeSettings, type Settings } from '../../lib/extension/storage/settings';
import { loadLearnedRules, loadSettings, save, saveFailureText, watchLearnedRules, watchSettings } from '../../lib/extension/storage/store';
import type { LearnedRulesBySite } from '../../lib/extension/storage/learned';
import { learnedFor, learnedSelector, popupLearned } from '../../lib/ui/learned';
import type { Block, Kind } from '../../lib/engine/types';
import { blockLabel, count, groupBlocks, whyRemoved, type BlockGroup } from '../../lib/ui/ui-text';

localize(document);

const main = byId<HTMLElement>('main');
const pageTitle = byId<HTMLParagraphElement>('page-title');
const siteSwitch = byId<HTMLLabelElement>('site-switch');
const siteLabel = byId<HTMLSpanElement>('site-label');
const siteOn = byId<HTMLInputElement>('site-on');
const globalOn = byId<HTMLInputElement>('global-on');
const restoreAllButton = byId<HTMLButtonElement>('restore-all');
const readerButton = byId<HTMLButtonElement>('open-reader');
const pickButton = byId<HTMLButtonElement>('pick-blocks');
const shortcuts = byId<HTMLElement>('shortcuts');
const shortcutList = byId<HTMLDListElement>('shortcut-list');
const announce = byId<HTMLParagraphElement>('announce');
const learnedBox = byId<HTMLElement>('learned');

/** What a screen reader hears after an action that worked. */
function doneMessage(request: Request): string {
  switch (request.type) {
    case 'show':
      return t(request.shown ? 'doneShown' : 'doneHiddenAgain');
    case 'keep':
      return t('doneKept');
    case 'unkeep':
      return t('doneUnkept');
    case 'restoreAll':
      return t('doneRestoredAll');
    case 'clean':
      return t('doneCleaned');
    default:
      return '';
  }
}

let tabId: number | null = null;
let state: TabState | null = null;
let settings: Settings = sanitizeSettings(null);
let loaded = false;
let failure: string | null = null;
let learned: LearnedRulesBySite = {};
/** The list of learned rules is open (kept while the popup redraws it). */
let learnedOpen = false;

async function findTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** Sends an action to the page and shows the state it answers with. */
async function act(request: Request): Promise<void> {
  if (tabId === null) return;
  main.setAttribute('aria-busy', 'true');
  try {
    const result = (await sendToTab(tabId, request)) as { ok: boolean; state: TabState } | undefined;
    const aboutBlock = request.type === 'show' || request.type === 'keep' || request.type === 'unkeep';
    failure = result?.ok !== false ? null : t(aboutBlock ? 'failBlockGone' : 'failCannotNow');
    if (result?.state) state = result.state;
    announce.textContent = failure ?? doneMessage(request);
  } catch {
    failure = t('failNoAnswer');
    announce.textContent = failure;
  }
  render();
}

function button(label: string, key: string, onClick: () => void, extra: { pressed?: boolean; describedBy?: string; primary?: boolean } = {}) {
  const attrs: Record<string, string> = { 'data-key': key };
  if (extra.pressed !== undefined) attrs['aria-pressed'] = String(extra.pressed);
  if (extra.describedBy) attrs['aria-describedby'] = extra.describedBy;
  return el('button', { type: 'button', class: extra.primary ? 'primary' : '', attrs, on: { click: onClick } }, label);
}

/** Rows a group draws at first, and at each "Show N more": enough to scroll through, quick to draw. */
const ROWS_PER_PAGE = 50;

/** Rows drawn per group (more after "Show N more"), kept while the popup shows the same page. */
const rowsWanted = new Map<Kind, number>();
let rowsWantedFor = '';

/** A row of the list as drawn: enough to tell whether a new state changes it. */
interface Row {
  li: HTMLLIElement;
  textId: string;
  kept: boolean;
  shown: boolean;
}

/** The list of blocks as drawn: which list it is (`listKey`), its rows by block id, its summary and notes. */
interface DrawnList {
  key: string;
  rows: Map<string, Row>;
  summary: HTMLElement;
  notes: HTMLElement[];
}
let drawn: DrawnList | null = null;
let rowSeq = 0;

/** Which list a state shows: its page, and its blocks in order; a state of the same list only changes rows. */
function listKey(s: TabState | null): string | null {
  if (!loaded || !s || s.status !== 'cleaned' || s.blocks.length === 0) return null;
  return JSON.stringify([s.url, s.blocks.map((b) => b.id), s.more]);
}

function entry(block: Block, shown: boolean, textId: string): HTMLLIElement {
  const actions = block.kept
    ? [
        el('span', { class: 'tag' }, t('tagKept')),
        button(t('buttonHideAgain'), `${block.id}:unkeep`, () => void act({ type: 'unkeep', id: block.id }), { describedBy: textId }),
      ]
    : [
        button(t('buttonShow'), `${block.id}:show`, () => void act({ type: 'show', id: block.id, shown: !shown }), { pressed: shown, describedBy: textId }),
        button(t('buttonKeep'), `${block.id}:keep`, () => void act({ type: 'keep', id: block.id }), { describedBy: textId }),
      ];
  return el(
    'li',
    { class: `block${block.kept ? ' kept' : ''}${shown ? ' shown' : ''}`, attrs: { 'data-id': block.id } },
    el('p', { class: 'text', id: textId, title: blockLabel(block).slice(0, 600) }, blockLabel(block)),
    el('p', { class: 'why' }, whyRemoved(block)),
    el('div', { class: 'actions' }, ...actions),
  );
}

function message(title: string, text: string, action?: HTMLElement): HTMLElement {
  return el('div', { class: 'empty' }, el('h2', {}, title), el('p', {}, text), action ?? null);
}

function content(): HTMLElement | HTMLElement[] {
  if (!loaded) return el('p', { class: 'loading' }, t('loading'));
  if (!state) return message(t('emptyNoPageTitle'), t('emptyNoPageText'));
  switch (state.status) {
    case 'pending':
      return message(t('emptyPendingTitle'), t('emptyPendingText'));
    case 'off':
      return state.offBy === 'global'
        ? message(t('emptyOffGlobalTitle'), t('emptyOffGlobalText'))
        : message(t('emptyOffSiteTitle', state.site), t('emptyOffSiteText'));
    case 'not-article':
      return message(
        t('emptyNotArticleTitle'),
        t('emptyNotArticleText'),
        button(t('buttonCleanAnyway'), 'clean', () => void act({ type: 'clean' }), { primary: true }),
      );
    case 'restored':
      return message(
        t('emptyRestoredTitle'),
        t('emptyRestoredText', count(foundCount(state), 'block')),
        button(t('buttonHideThemAgain'), 'clean', () => void act({ type: 'clean' }), { primary: true }),
      );
    case 'cleaned':
      break;
  }
  if (state.blocks.length === 0) return message(t('emptyNothingTitle'), t('emptyNothingText'));
  const list: DrawnList = { key: listKey(state)!, rows: new Map(), summary: summaryOf(state), notes: notesOf(state) };
  if (rowsWantedFor !== state.url) {
    rowsWanted.clear();
    rowsWantedFor = state.url;
  }
  const shown = new Set(state.shown);
  const groups = groupBlocks(state.blocks, state.more).map((g) => groupOf(g, shown, list));
  drawn = list;
  return [list.summary, ...groups, ...list.notes];
}

function summaryOf(s: TabState): HTMLElement {
  const kept = foundCount(s) - s.hidden;
  return el(
    'p',
    { class: 'summary' },
    el('strong', {}, t('summaryHid', count(s.hidden, 'block'))),
    kept ? ` · ${t('summaryKept', kept)}` : '',
    s.forced ? ` · ${t('summaryForced')}` : '',
  );
}

function notesOf(s: TabState): HTMLElement[] {
  if (!s.errors.length) return [];
  return [
    el(
      'details',
      { class: 'errors' },
      el('summary', {}, t('errorsSummary', count(s.errors.length, 'check'))),
      el('ul', {}, ...s.errors.map((e) => el('li', {}, `${e.source}: ${e.message}`))),
    ),
  ];
}

/** A group of blocks: its first rows, "Show N more" while it has undrawn rows, and what its state does not list. */
function groupOf(g: BlockGroup, shown: Set<string>, list: DrawnList): HTMLElement {
  const ul = el('ul', {});
  const more = el('button', { type: 'button', class: 'more', attrs: { 'data-key': `more:${g.kind}` } });
  let drawnRows = 0;
  const drawTo = (n: number) => {
    const rows: HTMLLIElement[] = [];
    for (; drawnRows < Math.min(n, g.blocks.length); drawnRows++) {
      const b = g.blocks[drawnRows];
      const textId = `block-text-${rowSeq++}`;
      const row: Row = { li: entry(b, shown.has(b.id), textId), textId, kept: !!b.kept, shown: shown.has(b.id) };
      list.rows.set(b.id, row);
      rows.push(row.li);
    }
    ul.append(...rows);
    const left = g.blocks.length - drawnRows;
    if (left > 0) more.textContent = t('buttonShowMore', Math.min(left, ROWS_PER_PAGE));
    else more.remove();
    return rows;
  };
  more.addEventListener('click', () => {
    const want = drawnRows + ROWS_PER_PAGE;
    rowsWanted.set(g.kind, want);
    const rows = drawTo(want);
    // The button went with the last rows: focus moves to the first new one.
    if (!more.isConnected) rows[0]?.querySelector('button')?.focus();
  });
  const section = el(
    'section',
    { class: 'group', attrs: { 'aria-label': t('groupLabel', g.label, g.found) } },
    el('h2', {}, g.label, ' ', el('span', { class: 'count', attrs: { 'aria-hidden': 'true' } }, String(g.found))),
    ul,
    more,
    g.more ? el('p', { class: 'not-listed' }, t('notListed', count(g.more, 'block'))) : null,
  );
  drawTo(rowsWanted.get(g.kind) ?? ROWS_PER_PAGE);
  return section;
}

/** A new state of the list drawn: the rows it changes are drawn again, in place, and the summary and notes. */
function update(list: DrawnList, s: TabState): void {
  const shown = new Set(s.shown);
  const focused = document.activeElement as HTMLElement | null;
  for (const b of s.blocks) {
    const row = list.rows.get(b.id);
    if (!row || (row.kept === !!b.kept && row.shown === shown.has(b.id))) continue;
    const li = entry(b, shown.has(b.id), row.textId);
    const focusKey = focused && row.li.contains(focused) ? focused.dataset.key : undefined;
    row.li.replaceWith(li);
    Object.assign(row, { li, kept: !!b.kept, shown: shown.has(b.id) });
    if (focusKey) (li.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`) ?? li.querySelector<HTMLElement>('button'))?.focus();
  }
  const summary = summaryOf(s);
  list.summary.replaceWith(summary);
  list.summary = summary;
  const notes = notesOf(s);
  for (const n of list.notes) n.remove();
  Array.from(main.querySelectorAll(':scope > section.group'))
    .at(-1)
    ?.after(...notes);
  list.notes = notes;
}

/** The rules learned on the tab's site, drawn again on every change; the focus stays on the same switch. */
function renderLearned(): void {
  const site = state?.site ?? '';
  const focused = document.activeElement instanceof HTMLElement && learnedBox.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
  const section = site
    ? popupLearned({
        site,
        entry: learnedFor(learned, site),
        learning: settings.learn,
        open: learnedOpen,
        onToggle: (open) => (learnedOpen = open),
        onSwitch: (rule, on) =>
          void save({ op: 'learnedRuleOn', site, ...learnedSelector(rule), on }).then((r) => {
            announce.textContent = r.ok ? t(on ? 'learnedDoneOn' : 'learnedDoneOff') : saveFailureText(r.failure);
          }),
      })
    : null;
  replaceChildren(learnedBox, section);
  learnedBox.hidden = !section;
  if (focused) learnedBox.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

function render(): void {
  renderLearned();
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
  pageTitle.textContent = state?.title ?? '';
  pageTitle.hidden = !state?.title;
  siteSwitch.hidden = !state?.site;
  replaceChildren(siteLabel, ...tNodes('onForSite', el('b', { id: 'site-name' }, state?.site ?? '')));
  readerButton.disabled = !state;
  pickButton.disabled = !state || state.status === 'off';
  siteOn.checked = !!state?.site && !settings.disabledSites.includes(state.site);
  globalOn.checked = settings.enabled;
  restoreAllButton.hidden = !(state?.status === 'cleaned' && state.hidden > 0);
  const key = listKey(state);
  if (drawn && key !== null && drawn.key === key) {
    update(drawn, state!);
    main.querySelector(':scope > p.failure')?.remove();
    if (failure) main.append(el('p', { class: 'failure' }, failure));
  } else {
    drawn = null;
    const body = content();
    replaceChildren(main, ...(Array.isArray(body) ? body : [body]), failure ? el('p', { class: 'failure' }, failure) : null);
    if (focusKey) {
      const again =
        main.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`) ??
        main.querySelector<HTMLElement>(`[data-key^="${CSS.escape(focusKey.split(':')[0])}:"]`);
      again?.focus();
    }
  }
  main.setAttribute('aria-busy', String(!loaded));
}

siteOn.addEventListener('change', () => {
  if (!state?.site) return;
  const site = state.site;
  void save({ op: 'siteOn', site, on: siteOn.checked });
});
globalOn.addEventListener('change', () => void save({ op: 'allOn', on: globalOn.checked }));
restoreAllButton.addEventListener('click', () => void act({ type: 'restoreAll' }));
readerButton.addEventListener('click', () => {
  if (tabId === null) return;
  void sendToExtension({ type: 'runCommand', command: 'open-reader', tabId })
    .then((r) => (r?.ok ? window.close() : (announce.textContent = t('failNoAnswer'))))
    .catch(() => (announce.textContent = t('failNoAnswer')));
});

/**
 * "Hide blocks like this": the picker starts on the page, and the popup closes so the user can
 * click there. A popup opened in a tab of its own (`popup.html?tabId=N`) stays, and says what to do.
 */
pickButton.addEventListener('click', () => {
  if (tabId === null) return;
  const inOwnTab = new URLSearchParams(location.search).has('tabId');
  const fail = (key: MessageKey) => {
    failure = t(key);
    announce.textContent = failure;
    render();
  };
  void sendToTab(tabId, { type: 'pick' })
    .then((r) => {
      if (!r?.ok) return fail('failCannotNow');
      failure = null;
      if (!inOwnTab) window.close();
      else announce.textContent = t('donePicking');
    })
    .catch(() => fail('failNoAnswer'));
});

const COMMAND_KEYS: Record<CommandName, MessageKey> = {
  'toggle-site': 'commandToggleSite',
  'open-reader': 'commandOpenReader',
};

/** The keyboard shortcuts as the browser has them now (the user may have changed or cleared them). */
async function renderShortcuts(): Promise<void> {
  let all: { name?: string; shortcut?: string; description?: string }[] = [];
  try {
    all = (await browser.commands?.getAll()) ?? [];
  } catch {
    all = [];
  }
  const rows = COMMANDS.flatMap((name) => {
    const c = all.find((x) => x.name === name);
    if (!c) return [];
    return [
      el('dt', {}, c.shortcut ? el('kbd', {}, c.shortcut) : el('span', { class: 'unset' }, t('shortcutNotSet'))),
      el('dd', { attrs: { 'data-command': name } }, c.description || t(COMMAND_KEYS[name])),
    ];
  });
  replaceChildren(shortcutList, ...rows);
  shortcuts.hidden = rows.length === 0;
}
void renderShortcuts();

watchSettings((s) => {
  settings = s;
  render();
});
watchLearnedRules((l) => {
  learned = l;
  renderLearned();
});

async function init(): Promise<void> {
  const [id, s, l] = await Promise.all([findTabId(), loadSettings(), loadLearnedRules()]);
  tabId = id;
  settings = s;
  learned = l;
  onTabState((from, next) => {
    if (from !== tabId) return;
    state = next;
    failure = null;
    render();
  });
  if (tabId !== null) {
    try {
      state = await sendToExtension({ type: 'getTabState', tabId });
    } catch {
      state = null;
    }
  }
  loaded = true;
  render();
}

render();
void init();
