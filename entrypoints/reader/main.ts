/**
 * The reader view: `reader.html?tabId=N` shows the cleaned article of tab N's page as a page of
 * its own. The article comes from the tab's content script (a `getArticle` request) as the engine
 * made it; it is parsed inertly (DOMParser) and rebuilt through the allow-list of lib/sanitize.ts
 * in this page, so no script, handler or style of the page comes along, and relative links and
 * images resolve against the page. Only this page's own stylesheet applies. Theme and text size
 * are remembered (lib/settings.ts, `local:reader`).
 */
import { browser } from 'wxt/browser';
import { byId, el, replaceChildren } from '../../lib/ui/el';
import { localize, t, uiLanguage, type MessageKey } from '../../lib/extension/i18n';
import { toMarkdown } from '../../lib/ui/reader/markdown';
import { parseReaderArticle, sendToTab, type ReaderArticle } from '../../lib/extension/messages';
import { dropRepeatedTitle, fontSizePx, formatDate, hostLabel } from '../../lib/ui/reader/reader-view';
import { safeHref, sanitize } from '../../lib/engine/article/sanitize';
import { MAX_FONT_STEP, MIN_FONT_STEP, READER_THEMES, sanitizeReaderPrefs, type ReaderPrefs, type ReaderTheme } from '../../lib/extension/storage/settings';
import { loadReaderPrefs, save, watchReaderPrefs, type StoreChange } from '../../lib/extension/storage/store';

localize(document);

const main = byId<HTMLElement>('main');
const messageEl = byId<HTMLParagraphElement>('message');
const articleEl = byId<HTMLElement>('article');
const siteEl = byId<HTMLParagraphElement>('site');
const titleEl = byId<HTMLHeadingElement>('title');
const metaEl = byId<HTMLParagraphElement>('meta');
const content = byId<HTMLDivElement>('content');
const back = byId<HTMLAnchorElement>('back');
const source = byId<HTMLAnchorElement>('source');
const smaller = byId<HTMLButtonElement>('smaller');
const larger = byId<HTMLButtonElement>('larger');
const copyButton = byId<HTMLButtonElement>('copy-markdown');
const copyFallback = byId<HTMLDivElement>('copy-fallback');
const markdownBox = byId<HTMLTextAreaElement>('markdown');
const announce = byId<HTMLParagraphElement>('announce');
const themeInputs = Array.from(document.querySelectorAll<HTMLInputElement>('input[name="theme"]'));

const param = new URLSearchParams(location.search).get('tabId');
const tabId = param !== null && /^\d+$/.test(param) ? Number(param) : null;

let prefs: ReaderPrefs = sanitizeReaderPrefs(null);
let article: ReaderArticle | null = null;
let dateText: string | null = null;

// ---- Theme and text size ----

function applyPrefs(next: ReaderPrefs): void {
  prefs = next;
  const root = document.documentElement;
  root.dataset.theme = next.theme;
  root.style.setProperty('--reader-font-size', `${fontSizePx(next.fontStep)}px`);
  for (const input of themeInputs) input.checked = input.value === next.theme;
  smaller.setAttribute('aria-disabled', String(next.fontStep <= MIN_FONT_STEP));
  larger.setAttribute('aria-disabled', String(next.fontStep >= MAX_FONT_STEP));
}

/** Shows a change at once; the background saves it (from what is saved, which another tab may have changed). */
async function change(update: (p: ReaderPrefs) => ReaderPrefs, stored: StoreChange): Promise<void> {
  applyPrefs(update(prefs));
  const result = await save(stored);
  if (result.reader) applyPrefs(result.reader);
}

for (const input of themeInputs) {
  input.addEventListener('change', () => {
    const theme = input.value as ReaderTheme;
    if (input.checked && READER_THEMES.includes(theme)) void change((p) => ({ ...p, theme }), { op: 'readerTheme', theme });
  });
}
smaller.addEventListener('click', () => void change((p) => ({ ...p, fontStep: Math.max(MIN_FONT_STEP, p.fontStep - 1) }), { op: 'readerFontStep', by: -1 }));
larger.addEventListener('click', () => void change((p) => ({ ...p, fontStep: Math.min(MAX_FONT_STEP, p.fontStep + 1) }), { op: 'readerFontStep', by: 1 }));
watchReaderPrefs(applyPrefs); // another reader tab changed them

// ---- The article ----

function fail(key: MessageKey): void {
  messageEl.textContent = t(key);
  messageEl.hidden = false;
  articleEl.hidden = true;
  main.setAttribute('aria-busy', 'false');
}

function render(a: ReaderArticle): void {
  document.title = a.title ? t('readerPageTitle', a.title) : t('readerTitle');
  if (a.lang) articleEl.lang = a.lang;
  if (a.dir) articleEl.dir = a.dir;
  siteEl.textContent = a.siteName ?? hostLabel(a.url);
  titleEl.textContent = a.title;
  titleEl.hidden = !a.title;
  dateText = formatDate(a.published, uiLanguage());
  const meta: (Node | string)[] = [];
  if (a.byline) meta.push(el('span', { class: 'byline' }, a.byline));
  if (a.byline && dateText) meta.push(' · ');
  if (dateText && a.published) meta.push(el('time', { attrs: { datetime: a.published } }, dateText));
  replaceChildren(metaEl, ...meta);
  metaEl.hidden = meta.length === 0;

  // Parsed in a document of its own: no script runs and no image loads there. Only what the
  // sanitizer rebuilds in this page is shown. (The content script sanitized it too, so no handler
  // attribute reaches this parser: Chrome reports each one it parses as a CSP violation.)
  const parsed = new DOMParser().parseFromString(a.html, 'text/html');
  const fragment = sanitize(parsed.body, { baseUrl: a.baseUrl, into: document });
  dropRepeatedTitle(fragment, a.title);
  replaceChildren(content, fragment);

  const href = safeHref(a.url, a.url);
  if (href) {
    back.href = href;
    back.hidden = false;
    source.href = href;
    source.rel = 'noopener noreferrer';
    source.textContent = t('readerSource', hostLabel(a.url));
  }
  messageEl.hidden = true;
  articleEl.hidden = false;
  copyButton.disabled = false;
  main.setAttribute('aria-busy', 'false');
}

// ---- Copy as Markdown ----

let copiedTimer: ReturnType<typeof setTimeout> | undefined;
copyButton.addEventListener('click', () => {
  if (!article) return;
  const markdown = toMarkdown(content, { title: article.title, byline: article.byline, date: dateText, url: article.url });
  void navigator.clipboard.writeText(markdown).then(
    () => {
      copyFallback.hidden = true;
      announce.textContent = t('readerCopied');
      copyButton.textContent = t('readerCopied');
      clearTimeout(copiedTimer);
      copiedTimer = setTimeout(() => (copyButton.textContent = t('readerCopyMarkdown')), 2000);
    },
    () => {
      // No clipboard here (not allowed, or no focus): the Markdown, selected, to copy by hand.
      markdownBox.value = markdown;
      copyFallback.hidden = false;
      markdownBox.focus();
      markdownBox.select();
      announce.textContent = t('readerCopyFallback');
    },
  );
});

// ---- Back to the page ----

/** Back to the tab the article came from, if it still shows it (closing this one); else there. */
back.addEventListener('click', (e) => {
  if (tabId === null || !article || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const url = back.href;
  void (async () => {
    try {
      const state = await sendToTab(tabId, { type: 'getState' });
      if (state?.url === article.url) {
        await browser.tabs.update(tabId, { active: true });
        const me = await browser.tabs.getCurrent();
        if (me?.id !== undefined) await browser.tabs.remove(me.id);
        return;
      }
    } catch {
      // the tab is gone, or shows another page now
    }
    location.href = url;
  })();
});

// ---- Start ----

async function init(): Promise<void> {
  const loadedPrefs = loadReaderPrefs().then(applyPrefs);
  if (tabId === null) {
    await loadedPrefs;
    fail('readerNoTab');
    return;
  }
  let answer: unknown;
  try {
    answer = await sendToTab(tabId, { type: 'getArticle' });
  } catch {
    await loadedPrefs;
    fail('readerNoAnswer');
    return;
  }
  await loadedPrefs;
  article = parseReaderArticle(answer);
  if (!article) {
    fail('readerNoArticle');
    return;
  }
  render(article);
}

applyPrefs(prefs);
void init();
