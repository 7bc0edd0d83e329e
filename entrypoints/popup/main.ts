/**
 * The popup: what Declutter News hid on this tab's page, and why, with Show / Keep per block.
 * `popup.html?tabId=N` shows tab N; without it, the active tab of the window.
 */
import { browser } from 'wxt/browser';
import { el, replaceChildren } from '../../lib/el';
import { onTabState, sendToExtension, sendToTab, type Request, type TabState } from '../../lib/messages';
import { loadSettings, sanitizeSettings, updateSettings, watchSettings, withSiteEnabled, type Settings } from '../../lib/settings';
import type { Block } from '../../lib/types';
import { displayText, groupBlocks, plural, whyRemoved } from '../../lib/ui-text';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const main = $<HTMLElement>('main');
const pageTitle = $<HTMLParagraphElement>('page-title');
const siteSwitch = $<HTMLLabelElement>('site-switch');
const siteName = $<HTMLElement>('site-name');
const siteOn = $<HTMLInputElement>('site-on');
const globalOn = $<HTMLInputElement>('global-on');
const restoreAllButton = $<HTMLButtonElement>('restore-all');
const announce = $<HTMLParagraphElement>('announce');

/** What a screen reader hears after an action that worked. */
function doneMessage(request: Request): string {
  switch (request.type) {
    case 'show':
      return request.shown ? 'Shown on the page, outlined.' : 'Hidden again.';
    case 'keep':
      return 'Kept. It stays visible on this site.';
    case 'unkeep':
      return 'Hidden again, and no longer kept.';
    case 'restoreAll':
      return 'Every block is back on the page.';
    case 'clean':
      return 'The page was cleaned.';
    default:
      return '';
  }
}

let tabId: number | null = null;
let state: TabState | null = null;
let settings: Settings = sanitizeSettings(null);
let loaded = false;
let failure: string | null = null;

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
    failure = result?.ok !== false ? null : aboutBlock ? 'That block is no longer on the page.' : 'The page could not do that now. Reload it and try again.';
    if (result?.state) state = result.state;
    announce.textContent = failure ?? doneMessage(request);
  } catch {
    failure = 'The page did not answer. Reload it and try again.';
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

function entry(block: Block, shown: boolean, index: number): HTMLLIElement {
  const textId = `block-text-${index}`;
  const actions = block.kept
    ? [
        el('span', { class: 'tag' }, 'Kept'),
        button('Hide again', `${block.id}:unkeep`, () => void act({ type: 'unkeep', id: block.id }), { describedBy: textId }),
      ]
    : [
        button('Show', `${block.id}:show`, () => void act({ type: 'show', id: block.id, shown: !shown }), { pressed: shown, describedBy: textId }),
        button('Keep', `${block.id}:keep`, () => void act({ type: 'keep', id: block.id }), { describedBy: textId }),
      ];
  return el(
    'li',
    { class: `block${block.kept ? ' kept' : ''}${shown ? ' shown' : ''}`, attrs: { 'data-id': block.id } },
    el('p', { class: 'text', id: textId, title: displayText(block.text).slice(0, 600) }, displayText(block.text)),
    el('p', { class: 'why' }, whyRemoved(block)),
    el('div', { class: 'actions' }, ...actions),
  );
}

function message(title: string, text: string, action?: HTMLElement): HTMLElement {
  return el('div', { class: 'empty' }, el('h2', {}, title), el('p', {}, text), action ?? null);
}

function content(): HTMLElement | HTMLElement[] {
  if (!loaded) return el('p', { class: 'loading' }, 'Loading…');
  if (!state) {
    return message(
      'Nothing to clean here',
      'Declutter News works on web pages. If this page was open before Declutter News was installed, reload it.',
    );
  }
  switch (state.status) {
    case 'pending':
      return message('Checking this page…', 'The page is still loading.');
    case 'off':
      return state.offBy === 'global'
        ? message('Off for all sites', 'Turn it on above to clean news pages again.')
        : message(`Off for ${state.site}`, 'This site is shown as it was made. Turn it on above to clean it again.');
    case 'not-article':
      return message(
        'Not an article page',
        'Declutter News leaves pages that are not articles alone.',
        button('Clean this page anyway', 'clean', () => void act({ type: 'clean' }), { primary: true }),
      );
    case 'restored':
      return message(
        'Everything is back',
        `All ${plural(state.blocks.length, 'block')} are shown on this page. They will be hidden again on your next visit.`,
        button('Hide them again', 'clean', () => void act({ type: 'clean' }), { primary: true }),
      );
    case 'cleaned':
      break;
  }
  if (state.blocks.length === 0) {
    return message('Nothing removed', 'No newsletter prompts, related-story carousels, repeated captions, ads or share bars were found on this page.');
  }
  const kept = state.blocks.length - state.hidden;
  const shown = new Set(state.shown);
  let index = 0;
  const summary = el(
    'p',
    { class: 'summary' },
    el('strong', {}, `Hid ${plural(state.hidden, 'block')}`),
    kept ? ` · ${kept} kept` : '',
    state.forced ? ' · cleaned on request' : '',
  );
  const groups = groupBlocks(state.blocks).map((g) =>
    el(
      'section',
      { class: 'group', attrs: { 'aria-label': `${g.label}: ${g.blocks.length}` } },
      el('h2', {}, g.label, ' ', el('span', { class: 'count', attrs: { 'aria-hidden': 'true' } }, String(g.blocks.length))),
      el('ul', {}, ...g.blocks.map((b) => entry(b, shown.has(b.id), index++))),
    ),
  );
  const notes: HTMLElement[] = [];
  if (state.errors.length) {
    notes.push(
      el(
        'details',
        { class: 'errors' },
        el('summary', {}, `${plural(state.errors.length, 'check')} could not run`),
        el('ul', {}, ...state.errors.map((e) => el('li', {}, `${e.source}: ${e.message}`))),
      ),
    );
  }
  return [summary, ...groups, ...notes];
}

function render(): void {
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
  pageTitle.textContent = state?.title ?? '';
  pageTitle.hidden = !state?.title;
  siteSwitch.hidden = !state?.site;
  siteName.textContent = state?.site ?? '';
  siteOn.checked = !!state?.site && !settings.disabledSites.includes(state.site);
  globalOn.checked = settings.enabled;
  restoreAllButton.hidden = !(state?.status === 'cleaned' && state.hidden > 0);
  const body = content();
  replaceChildren(main, ...(Array.isArray(body) ? body : [body]), failure ? el('p', { class: 'failure' }, failure) : null);
  main.setAttribute('aria-busy', String(!loaded));
  if (focusKey) {
    const again = main.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`) ?? main.querySelector<HTMLElement>(`[data-key^="${CSS.escape(focusKey.split(':')[0])}:"]`);
    again?.focus();
  }
}

siteOn.addEventListener('change', () => {
  if (!state?.site) return;
  const site = state.site;
  void updateSettings((s) => withSiteEnabled(s, site, siteOn.checked));
});
globalOn.addEventListener('change', () => void updateSettings((s) => ({ ...s, enabled: globalOn.checked })));
restoreAllButton.addEventListener('click', () => void act({ type: 'restoreAll' }));

watchSettings((s) => {
  settings = s;
  render();
});

async function init(): Promise<void> {
  const [id, s] = await Promise.all([findTabId(), loadSettings()]);
  tabId = id;
  settings = s;
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
