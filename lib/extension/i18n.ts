/**
 * The words of the popup, the reader and the options page, through the browser's i18n
 * (public/_locales/<lang>/messages.json; English is the default locale). A translation is a new
 * messages.json, no code change.
 *
 * Keys are typed from the English catalog: a key used in code but missing there fails the
 * typecheck. Static page text is marked in HTML (`data-i18n="key"`, `data-i18n-attr="attr:key"`) and
 * filled by `localize`; test/i18n.test.ts checks those keys against the catalog.
 */

/** The English catalog (type only: the browser reads the file itself). */
export type Catalog = typeof import('../../public/_locales/en/messages.json');
export type MessageKey = keyof Catalog;

export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

type Lookup = (key: string, substitutions: string[]) => string;

let fallback: Lookup | null = null;

/**
 * A message with its substitutions, by the browser's rules: `$name$` is the placeholder's content,
 * in which `$1`…`$9` are the substitutions; `$$` is a dollar sign.
 */
export function formatMessage(entry: CatalogEntry, substitutions: readonly string[] = []): string {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const subst = (s: string) => s.replace(/\$(\d)/g, (m, d: string) => substitutions[Number(d) - 1] ?? '');
  return entry.message.replace(/\$\$|\$([a-z0-9_@]+)\$/gi, (m, name?: string) => {
    if (m === '$$') return '$';
    const content = placeholders.get(name!.toLowerCase());
    return content === undefined ? m : subst(content);
  });
}

/** Where messages come from when the browser has no i18n (unit tests): a catalog object. */
export function useCatalog(catalog: Record<string, CatalogEntry> | null): void {
  fallback = catalog ? (key, subs) => (Object.hasOwn(catalog, key) ? formatMessage(catalog[key], subs) : '') : null;
}

interface I18nApi {
  getMessage?: unknown;
  getUILanguage?: () => string;
}

/**
 * The browser's i18n API, looked up when needed (not at import: unit tests install fakes of the
 * extension API after importing, and must not find a stale one).
 */
function i18nApi(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
}

function browserLookup(): Lookup | null {
  const i18n = i18nApi();
  // WXT types getMessage with the catalog's keys; `t` checks keys itself (MessageKey).
  const get = i18n?.getMessage as ((key: string, substitutions?: string[]) => string) | undefined;
  return typeof get === 'function' ? (key, subs) => get.call(i18n, key, subs) : null;
}

/** The message for `key` in the browser's language (English by default); the key itself if none. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  let text = '';
  try {
    text = (browserLookup() ?? fallback)?.(key, subs) ?? '';
  } catch {
    text = '';
  }
  if (!text && fallback) text = fallback(key, subs);
  return text || key;
}

const MARK = (i: number) => `\uE000${i}\uE001`;

/**
 * A message whose substitutions are nodes (a name in bold, a key in <kbd>): the text around them
 * stays text, in the order the language puts it.
 */
export function tNodes(key: MessageKey, ...parts: (Node | string)[]): (Node | string)[] {
  const text = t(key, ...parts.map((_, i) => MARK(i)));
  const out: (Node | string)[] = [];
  const re = /\uE000(\d+)\uE001/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const part = parts[Number(m[1])];
    if (part !== undefined) out.push(part);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The user interface language (for dates), e.g. "en-US". */
export function uiLanguage(): string {
  try {
    return i18nApi()?.getUILanguage?.() || 'en';
  } catch {
    return 'en';
  }
}

/**
 * Fills a page's static text: `data-i18n="key"` sets the element's text, `data-i18n-attr="aria-label:key
 * title:key2"` sets attributes. Text already in the HTML (English) stays if a key has no message.
 */
export function localize(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll('[data-i18n]'))) {
    const key = el.getAttribute('data-i18n') ?? '';
    const text = t(key as MessageKey);
    if (text && text !== key) el.textContent = text;
  }
  for (const el of Array.from(root.querySelectorAll('[data-i18n-attr]'))) {
    for (const pair of (el.getAttribute('data-i18n-attr') ?? '').split(/\s+/).filter(Boolean)) {
      const [attr, key] = pair.split(':');
      if (!attr || !key) continue;
      const text = t(key as MessageKey);
      if (text && text !== key) el.setAttribute(attr, text);
    }
  }
}
