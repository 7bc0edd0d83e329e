/**
 * The options page: sites turned off; per site, the kept blocks and the user's rules (edit,
 * delete); learning while browsing (on or off, per site the rules learned with a switch each,
 * forget a site or everything); export and import of all of it as JSON; import of a filter list's
 * element hiding rules; reset to defaults.
 */
import { exportFileName, exportSettings, parseSettingsExport } from '../../lib/extension/storage/backup';
import { parseCosmeticList, splitHasText } from '../../lib/extension/storage/filter-list';
import { siteEntry } from '../../lib/extension/storage/by-site';
import { byId, el, replaceChildren } from '../../lib/ui/el';
import { localize, t, uiLanguage } from '../../lib/extension/i18n';
import type { KeptBySite, Settings } from '../../lib/extension/storage/settings';
import { MAX_LEARN_PAGES, MAX_LEARN_SITES, type LearnedRulesBySite } from '../../lib/extension/storage/learned';
import { learnedSelector, optionsLearned } from '../../lib/ui/learned';
import {
  importFailureText,
  loadKept,
  loadLearnedRules,
  loadSettings,
  loadUserRules,
  save,
  saveFailureText,
  watchKept,
  watchLearnedRules,
  watchSettings,
  watchUserRules,
  type StoreChange,
} from '../../lib/extension/storage/store';
import { KINDS, type Kind } from '../../lib/engine/types';
import { count, displayText, kindLabel } from '../../lib/ui/ui-text';
import {
  ANY_SITE,
  countUserRules,
  sameUserRule,
  selectorCheck,
  userRuleProblem,
  type UserRule,
  type UserRulesBySite,
} from '../../lib/extension/storage/user-rules';

/** Problems of one import listed on the page; the rest are counted (a whole list may have thousands). */
const MAX_SHOWN_PROBLEMS = 200;
/** How long an export's object URL lives: the download has started by then. */
const REVOKE_EXPORT_URL_MS = 60_000;

localize(document);

const globalOn = byId<HTMLInputElement>('global-on');
const sitesBox = byId<HTMLDivElement>('sites');
const keptBox = byId<HTMLDivElement>('kept');
const resetBox = byId<HTMLDivElement>('reset');
const status = byId<HTMLParagraphElement>('status');
const exportButton = byId<HTMLButtonElement>('export');
const importJson = byId<HTMLInputElement>('import-json');
const filterText = byId<HTMLTextAreaElement>('filter-text');
const filterImport = byId<HTMLButtonElement>('filter-import');
const filterFile = byId<HTMLInputElement>('filter-file');
const importResult = byId<HTMLDivElement>('import-result');
const learnOn = byId<HTMLInputElement>('learn-on');
const learnHint = byId<HTMLParagraphElement>('learn-hint');
const learnedBox = byId<HTMLDivElement>('learned');

let settings: Settings | null = null;
let kept: KeptBySite = {};
let userRules: UserRulesBySite = {};
let learned: LearnedRulesBySite = {};
let confirming = false;

/** The rule being edited, and what the fields hold now (kept when the lists are drawn again). */
interface Editing {
  site: string;
  rule: UserRule;
  draft: { selector: string; hasText: string; kind: Kind };
  problem: string;
}
let editing: Editing | null = null;

function say(text: string): void {
  status.textContent = text;
}

/** Asks the background for a change, and says `done` when it is saved, or why it is not. */
function saveThen(change: StoreChange, done?: string, then?: () => void): void {
  void save(change).then((result) => {
    if (!result.ok) say(saveFailureText(result.failure));
    else if (done) say(done);
    then?.();
  });
}

function renderSites(): void {
  const sites = settings?.disabledSites ?? [];
  if (sites.length === 0) {
    replaceChildren(sitesBox, el('p', { class: 'none' }, t('optionsNoSiteOff')));
    return;
  }
  replaceChildren(
    sitesBox,
    el(
      'ul',
      { class: 'entries', attrs: { 'aria-label': t('optionsSitesOff') } },
      ...sites.map((site) =>
        el(
          'li',
          { attrs: { 'data-site': site } },
          el('span', { class: 'what' }, site),
          el(
            'button',
            {
              type: 'button',
              attrs: { 'aria-label': t('optionsTurnOnLabel', site) },
              on: {
                click: () => saveThen({ op: 'siteOn', site, on: true }, t('optionsSiteOnAgain', site)),
              },
            },
            t('optionsTurnOn'),
          ),
        ),
      ),
    ),
  );
}

const siteName = (site: string) => (site === ANY_SITE ? t('optionsEverySite') : site);

function dateText(at: number): string {
  if (!at) return '';
  try {
    return new Date(at).toLocaleDateString(uiLanguage(), { year: 'numeric', month: 'short', day: 'numeric' });
  } catch {
    return new Date(at).toISOString().slice(0, 10);
  }
}

/** A rule's selector and text, as a change names it. */
const selectorOf = (r: Pick<UserRule, 'selector' | 'hasText'>) => ({ selector: r.selector, ...(r.hasText !== undefined ? { hasText: r.hasText } : {}) });

/** A rule as a filter list writes it, for labels: `.promo`, `div:has-text(Ad)`. */
const ruleText = (r: Pick<UserRule, 'selector' | 'hasText'>) => (r.hasText === undefined ? r.selector : `${r.selector}:has-text(${r.hasText})`);

function keptList(site: string): HTMLElement | null {
  const list = siteEntry(kept, site);
  if (!list?.length) return null;
  return el(
    'ul',
    { class: 'entries', attrs: { 'aria-label': t('optionsKeptOn', site) } },
    ...list.map((b) =>
      el(
        'li',
        { attrs: { 'data-id': b.id } },
        el('span', { class: 'tag' }, kindLabel(b.kind, 'one')),
        el('span', { class: 'what', title: b.text }, b.text ? displayText(b.text) : b.id),
        b.at ? el('span', { class: 'when' }, t('optionsKeptDate', dateText(b.at))) : null,
        el(
          'button',
          {
            type: 'button',
            attrs: { 'aria-label': t('optionsStopKeepingLabel', kindLabel(b.kind, 'one'), site) },
            on: {
              click: () => saveThen({ op: 'unkeep', site, id: b.id }, t('optionsHiddenNextVisit')),
            },
          },
          t('optionsRemove'),
        ),
      ),
    ),
  );
}

function ruleEntry(site: string, r: UserRule): HTMLElement {
  const attrs: Record<string, string> = { 'data-selector': r.selector };
  if (r.hasText !== undefined) attrs['data-has-text'] = r.hasText;
  const isEditing = editing && editing.site === site && sameUserRule(editing.rule, r);
  if (isEditing) return el('li', { class: 'editing', attrs }, editForm(editing!));
  return el(
    'li',
    { attrs, title: dateText(r.at) },
    el('span', { class: 'tag' }, r.allow ? t('optionsRuleException') : kindLabel(r.kind, 'one')),
    el('code', { class: 'what', title: ruleText(r) }, r.selector),
    r.hasText !== undefined ? el('span', { class: 'has-text' }, t('optionsRuleHasText', r.hasText)) : null,
    el(
      'button',
      {
        type: 'button',
        class: 'edit',
        attrs: { 'aria-label': t('optionsEditLabel', ruleText(r), siteName(site)) },
        on: {
          click: () => {
            editing = { site, rule: r, draft: { selector: r.selector, hasText: r.hasText ?? '', kind: r.kind }, problem: '' };
            renderKept();
            keptBox.querySelector<HTMLInputElement>('li.editing input[name="selector"]')?.focus();
          },
        },
      },
      t('optionsEdit'),
    ),
    el(
      'button',
      {
        type: 'button',
        class: 'delete',
        attrs: { 'aria-label': t('optionsRemoveRuleLabel', ruleText(r), siteName(site)) },
        on: {
          click: () => saveThen({ op: 'deleteRule', site, ...selectorOf(r) }, t('optionsRuleDeleted')),
        },
      },
      t('optionsRemove'),
    ),
  );
}

/** The inline editor of a rule: selector, text and kind, checked before anything is saved. */
function editForm(e: Editing): HTMLElement {
  const selector = el('input', { type: 'text', attrs: { name: 'selector', spellcheck: 'false', autocomplete: 'off' } });
  selector.value = e.draft.selector;
  const hasText = el('input', { type: 'text', attrs: { name: 'has-text', spellcheck: 'false', autocomplete: 'off' } });
  hasText.value = e.draft.hasText;
  const kind = el('select', { attrs: { name: 'kind' } }, ...KINDS.map((k) => el('option', { attrs: { value: k } }, kindLabel(k, 'one'))));
  kind.value = e.draft.kind;
  const keep = () => {
    e.draft = { selector: selector.value, hasText: hasText.value, kind: kind.value as Kind };
  };
  for (const input of [selector, hasText, kind]) input.addEventListener('input', keep);
  const problemId = 'edit-problem';
  if (e.problem) selector.setAttribute('aria-describedby', problemId);
  if (e.problem) selector.setAttribute('aria-invalid', 'true');
  return el(
    'form',
    {
      class: 'edit-rule',
      on: {
        submit: (ev) => {
          ev.preventDefault();
          keep();
          saveEdit(e);
        },
      },
    },
    el('label', {}, el('span', {}, t('optionsSelector')), selector),
    el('label', {}, el('span', {}, t('optionsHasText')), hasText),
    el('label', {}, el('span', {}, t('optionsKind')), kind),
    e.problem ? el('p', { class: 'problem', id: problemId, attrs: { role: 'alert' } }, e.problem) : null,
    el(
      'div',
      { class: 'row' },
      el('button', { type: 'submit', class: 'primary' }, t('optionsSave')),
      el(
        'button',
        {
          type: 'button',
          on: {
            click: () => {
              editing = null;
              renderKept();
              focusRule(e.site, e.rule);
            },
          },
        },
        t('optionsCancel'),
      ),
    ),
  );
}

function focusRule(site: string, r: Pick<UserRule, 'selector' | 'hasText'>): void {
  const list = keptBox.querySelector(`ul.rules[data-site="${CSS.escape(site)}"]`);
  for (const li of Array.from(list?.querySelectorAll<HTMLLIElement>('li') ?? [])) {
    if (li.dataset.selector === r.selector && li.dataset.hasText === r.hasText) li.querySelector<HTMLButtonElement>('button.edit')?.focus();
  }
}

function saveEdit(e: Editing): void {
  // The selector field also takes a filter list's form: `div.box:has-text(Sponsored)`.
  let selector = e.draft.selector.trim();
  let hasText: string | undefined = e.draft.hasText === '' ? undefined : e.draft.hasText;
  const split = splitHasText(selector);
  if ('problem' in split) return void showEditProblem(e, split.problem);
  if (split.hasText !== undefined && hasText === undefined) ({ selector, hasText } = split);
  const problem = userRuleProblem({ selector, hasText }, selectorCheck(document));
  if (problem) return void showEditProblem(e, problem);
  const next = { selector, kind: e.draft.kind, ...(hasText !== undefined ? { hasText } : {}), ...(e.rule.allow ? { allow: true } : {}), from: e.rule.from };
  void save({ op: 'editRule', site: e.site, old: selectorOf(e.rule), rule: next }).then(async (result) => {
    if (result.clash) return void showEditProblem(e, t('optionsRuleExists'));
    if (!result.ok) return void showEditProblem(e, saveFailureText(result.failure));
    editing = null;
    userRules = await loadUserRules();
    renderKept();
    focusRule(e.site, next);
    say(t('optionsRuleSaved'));
  });
}

function showEditProblem(e: Editing, problem: string): void {
  e.problem = problem;
  renderKept();
  keptBox.querySelector<HTMLInputElement>('li.editing input[name="selector"]')?.focus();
}

function ruleList(site: string): HTMLElement | null {
  const list = siteEntry(userRules, site);
  if (!list?.length) return null;
  return el(
    'ul',
    { class: 'entries rules', attrs: { 'aria-label': t('optionsRulesOn', siteName(site)), 'data-site': site } },
    ...list.map((r) => ruleEntry(site, r)),
  );
}

/** Per site (every site first): the blocks kept there and the user's rules for it. */
function renderKept(): void {
  const sites = [...new Set([...Object.keys(kept), ...Object.keys(userRules)])].sort((a, b) => (a === ANY_SITE ? -1 : b === ANY_SITE ? 1 : a.localeCompare(b)));
  if (editing && !siteEntry(userRules, editing.site)?.some((r) => sameUserRule(r, editing!.rule))) editing = null; // deleted meanwhile
  if (sites.length === 0) {
    replaceChildren(keptBox, el('p', { class: 'none' }, t('optionsNoKept')));
    return;
  }
  replaceChildren(
    keptBox,
    ...sites.flatMap((site) => [
      el(
        'h3',
        { attrs: { 'data-site': site } },
        `${siteName(site)} `,
        siteEntry(kept, site)?.length ? el('span', { class: 'tag' }, count(kept[site].length, 'block')) : null,
        siteEntry(userRules, site)?.length ? el('span', { class: 'tag' }, count(userRules[site].length, 'rule')) : null,
      ),
      keptList(site),
      ruleList(site),
    ]),
  );
}

/** The rules learned per site; the focus stays on the same control when it is still there. */
function renderLearned(): void {
  const focused = document.activeElement instanceof HTMLElement && learnedBox.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
  replaceChildren(
    learnedBox,
    ...optionsLearned(learned, {
      onSwitch: (site, rule, on) => saveThen({ op: 'learnedRuleOn', site, ...learnedSelector(rule), on }, t(on ? 'learnedDoneOn' : 'learnedDoneOff')),
      onForget: (site) =>
        saveThen({ op: 'forgetLearned', ...(site !== undefined ? { site } : {}) }, site !== undefined ? t('optionsForgotSite', site) : t('optionsForgotAll')),
    }),
  );
  if (focused) learnedBox.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

function renderReset(): void {
  if (!confirming) {
    replaceChildren(
      resetBox,
      el(
        'button',
        { type: 'button', id: 'reset-start', on: { click: () => ((confirming = true), renderReset(), byId('reset-confirm').focus()) } },
        t('optionsResetStart'),
      ),
    );
    return;
  }
  replaceChildren(
    resetBox,
    el(
      'div',
      { class: 'confirm', attrs: { role: 'group', 'aria-label': t('optionsConfirmReset') } },
      el('span', {}, t('optionsResetQuestion')),
      el(
        'button',
        {
          type: 'button',
          class: 'primary',
          id: 'reset-confirm',
          on: {
            click: () => {
              confirming = false;
              saveThen({ op: 'reset' }, t('optionsResetDone'), () => {
                renderReset();
                byId('reset-start').focus();
              });
            },
          },
        },
        t('optionsResetConfirm'),
      ),
      el('button', { type: 'button', on: { click: () => ((confirming = false), renderReset(), byId('reset-start').focus()) } }, t('optionsCancel')),
    ),
  );
}

function render(): void {
  globalOn.checked = settings?.enabled ?? true;
  learnOn.checked = settings?.learn ?? true;
  renderSites();
  renderKept();
  renderLearned();
}

/** What has the focus in the per-site lists, told so that it can be found again after a redraw. */
function focusKey(node: Element | null): string | null {
  if (!(node instanceof HTMLElement) || !keptBox.contains(node)) return null;
  const li = node.closest('li');
  const ul = node.closest('ul');
  return JSON.stringify([
    ul?.getAttribute('aria-label'),
    li?.dataset.id,
    li?.dataset.selector,
    li?.dataset.hasText,
    node.tagName,
    node.className,
    node.getAttribute('name'),
  ]);
}

/** Redraws the per-site lists, the focus staying on the same control when it is still there. */
function redrawKept(): void {
  const key = focusKey(document.activeElement);
  renderKept();
  if (!key) return;
  for (const c of Array.from(keptBox.querySelectorAll<HTMLElement>('button, input, select'))) {
    if (focusKey(c) === key) return void c.focus();
  }
}

// ---- Export and import ----

function summaryOf(problems: { label: string; text?: string }[], head: string): void {
  const shown = problems.slice(0, MAX_SHOWN_PROBLEMS);
  replaceChildren(
    importResult,
    el('p', { class: 'summary' }, head),
    problems.length ? el('p', { class: 'problems-head' }, t('importProblemsHead', problems.length)) : null,
    problems.length
      ? el(
          'ul',
          { class: 'problems' },
          ...shown.map((p) => el('li', {}, el('span', { class: 'reason' }, p.label), p.text ? el('code', { class: 'line' }, p.text) : null)),
        )
      : null,
    problems.length > shown.length ? el('p', { class: 'more' }, t('importMore', problems.length - shown.length)) : null,
  );
  say(head);
}

exportButton.addEventListener('click', () => {
  void Promise.all([loadSettings(), loadKept(), loadUserRules(), loadLearnedRules()]).then(([s, k, r, l]) => {
    const data = exportSettings({ settings: s, kept: k, userRules: r, learnedRules: l });
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = el('a', { attrs: { href: url, download: exportFileName() } });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_EXPORT_URL_MS);
    const keptCount = Object.values(k).reduce((n, l) => n + l.length, 0);
    say(t('optionsExported', count(countUserRules(r), 'rule'), count(keptCount, 'kept')));
  });
});

async function readFile(input: HTMLInputElement): Promise<string | null> {
  const file = input.files?.[0];
  input.value = ''; // the same file can be chosen again
  if (!file) return null;
  try {
    return await file.text();
  } catch {
    replaceChildren(importResult, el('p', { class: 'summary' }, t('importReadFailed')));
    say(t('importReadFailed'));
    return null;
  }
}

/**
 * An exported file, merged into what is saved by the background: rules, kept blocks and sites
 * turned off are written together, all or nothing (an import the browser's storage cannot hold
 * stores none of it).
 */
async function importSettingsFile(text: string): Promise<void> {
  const parsed = parseSettingsExport(text, selectorCheck(document));
  if ('error' in parsed) return summaryOf([], parsed.error);
  const { imported, failure } = await save({
    op: 'importBackup',
    userRules: parsed.userRules,
    kept: parsed.kept,
    disabledSites: parsed.disabledSites,
    learnedRules: parsed.learnedRules,
  });
  if (!imported) return summaryOf([], importFailureText(failure));
  const problems = [...parsed.problems, ...imported.problems];
  const head = t(
    'importSummaryJson',
    count(imported.added.rules, 'rule'),
    count(imported.added.kept, 'kept'),
    count(imported.added.sites, 'siteOff'),
    imported.same,
  );
  // A file with learned rules says how many were added; an older file's summary is as it was.
  summaryOf(
    problems.map((p) => ({ label: t('importProblemWhere', p.where, p.reason) })),
    parsed.learnedRules.length ? `${head} ${t('importSummaryLearned', imported.added.learned)}` : head,
  );
}

/** A filter list's element hiding rules, added to the user's rules; every other line reported. */
async function importFilterList(text: string): Promise<void> {
  if (!text.trim()) return summaryOf([], t('optionsFilterEmpty'));
  const parsed = parseCosmeticList(text, selectorCheck(document));
  const { rules: merged, failure } = await save({ op: 'importRules', rules: parsed.rules });
  if (!merged) return summaryOf([], importFailureText(failure));
  const lines = text.split(/\r\n|\r|\n/);
  const problems = [
    ...parsed.problems.map((p) => ({ line: p.line, text: p.text, reason: p.reason })),
    ...merged.refused.map((r) => {
      const line = parsed.rules[r.index].line;
      return { line, text: (lines[line - 1] ?? '').trim(), reason: r.reason };
    }),
  ].sort((a, b) => a.line - b.line);
  summaryOf(
    problems.map((p) => ({ label: t('importProblemLine', p.line, p.reason), text: p.text })),
    t('importSummaryList', count(merged.added, 'rule'), merged.same),
  );
}

importJson.addEventListener('change', () => void readFile(importJson).then((text) => (text === null ? undefined : importSettingsFile(text))));
filterImport.addEventListener('click', () => void importFilterList(filterText.value));
filterFile.addEventListener('change', () => void readFile(filterFile).then((text) => (text === null ? undefined : importFilterList(text))));

// ---- Storage ----

globalOn.addEventListener('change', () => saveThen({ op: 'allOn', on: globalOn.checked }));
learnOn.addEventListener('change', () => saveThen({ op: 'learnOn', on: learnOn.checked }));
learnHint.textContent = t('optionsLearnHint', MAX_LEARN_PAGES, MAX_LEARN_SITES);
watchSettings((s) => {
  settings = s;
  globalOn.checked = s.enabled;
  learnOn.checked = s.learn;
  renderSites();
});
watchLearnedRules((l) => {
  if (JSON.stringify(l) === JSON.stringify(learned)) return;
  learned = l;
  renderLearned();
});
watchKept((k) => {
  if (JSON.stringify(k) === JSON.stringify(kept)) return;
  kept = k;
  redrawKept();
});
watchUserRules((r) => {
  if (JSON.stringify(r) === JSON.stringify(userRules)) return;
  userRules = r;
  redrawKept();
});

void Promise.all([loadSettings(), loadKept(), loadUserRules(), loadLearnedRules()]).then(([s, k, r, l]) => {
  settings = s;
  kept = k;
  userRules = r;
  learned = l;
  render();
});
renderReset();
