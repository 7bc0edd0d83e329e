/** The options page: sites turned off, kept blocks per site, reset to defaults. */
import { byId, el, replaceChildren } from '../../lib/el';
import { localize, t } from '../../lib/i18n';
import {
  loadKept,
  loadSettings,
  resetSettings,
  updateKept,
  updateSettings,
  watchKept,
  watchSettings,
  withSiteEnabled,
  withoutKept,
  type KeptBySite,
  type Settings,
} from '../../lib/settings';
import { count, displayText, kindLabel } from '../../lib/ui-text';

localize(document);

const globalOn = byId<HTMLInputElement>('global-on');
const sitesBox = byId<HTMLDivElement>('sites');
const keptBox = byId<HTMLDivElement>('kept');
const resetBox = byId<HTMLDivElement>('reset');
const status = byId<HTMLParagraphElement>('status');

let settings: Settings | null = null;
let kept: KeptBySite = {};
let confirming = false;

function say(text: string): void {
  status.textContent = text;
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
                click: () =>
                  void updateSettings((s) => withSiteEnabled(s, site, true)).then(() => say(t('optionsSiteOnAgain', site))),
              },
            },
            t('optionsTurnOn'),
          ),
        ),
      ),
    ),
  );
}

function renderKept(): void {
  const sites = Object.keys(kept).sort();
  if (sites.length === 0) {
    replaceChildren(keptBox, el('p', { class: 'none' }, t('optionsNoKept')));
    return;
  }
  replaceChildren(
    keptBox,
    ...sites.flatMap((site) => [
      el('h3', {}, `${site} `, el('span', { class: 'tag' }, count(kept[site].length, 'block'))),
      el(
        'ul',
        { class: 'entries', attrs: { 'aria-label': t('optionsKeptOn', site) } },
        ...kept[site].map((b) =>
          el(
            'li',
            { attrs: { 'data-id': b.id } },
            el('span', { class: 'tag' }, kindLabel(b.kind, 'one')),
            el('span', { class: 'what', title: b.text }, b.text ? displayText(b.text) : b.id),
            el(
              'button',
              {
                type: 'button',
                attrs: { 'aria-label': t('optionsStopKeepingLabel', kindLabel(b.kind, 'one'), site) },
                on: {
                  click: () =>
                    void updateKept((k) => withoutKept(k, site, b.id)).then(() => say(t('optionsHiddenNextVisit'))),
                },
              },
              t('optionsRemove'),
            ),
          ),
        ),
      ),
    ]),
  );
}

function renderReset(): void {
  if (!confirming) {
    replaceChildren(
      resetBox,
      el('button', { type: 'button', id: 'reset-start', on: { click: () => ((confirming = true), renderReset(), byId('reset-confirm').focus()) } }, t('optionsResetStart')),
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
              void resetSettings().then(() => {
                renderReset();
                say(t('optionsResetDone'));
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
  renderSites();
  renderKept();
}

globalOn.addEventListener('change', () => void updateSettings((s) => ({ ...s, enabled: globalOn.checked })));
watchSettings((s) => {
  settings = s;
  render();
});
watchKept((k) => {
  kept = k;
  renderKept();
});

void Promise.all([loadSettings(), loadKept()]).then(([s, k]) => {
  settings = s;
  kept = k;
  render();
});
renderReset();
