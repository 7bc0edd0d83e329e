/**
 * Reads the cosmetic (element hiding) lines of a uBlock Origin, Adblock Plus or EasyList filter
 * list into user rules. Supported:
 *
 *   example.com##.promo                hide on a site (and its subdomains)
 *   a.com,b.org##.promo                hide on each site named
 *   ##.ad-banner                       hide on every site ('*')
 *   example.com#@#.promo               an exception: cancels `.promo` (bundled or the user's) there
 *   example.com##div.box:has-text(Ad)  only elements whose text holds "Ad" (one :has-text() at the
 *   example.com##p:has-text(/^ad/i)    end; plain text as written, or /regex/ with i, m, s, u)
 *
 * Comments (`!`), list headers (`[Adblock Plus 2.0]`) and blank lines are skipped. Every other line
 * that is not one of the above is reported with its line number and the reason: network filters,
 * `~site` negations, entity hosts (`google.*`), procedural (`#?#`), CSS-injection (`#$#`) and
 * scriptlet (`#%#`, `##+js()`) filters, HTML filters (`##^`), other procedural operators, and
 * selectors the document's CSS engine refuses.
 */
import { t } from '../i18n';
import {
  ANY_SITE,
  DEFAULT_USER_KIND,
  kindOfName,
  hasTextProblem,
  proceduralOperator,
  userRuleProblem,
  userSiteKey,
  type NewUserRule,
  type SelectorCheck,
} from './user-rules';
import type { Kind } from '../../engine/types';

export interface CosmeticProblem {
  /** 1-based line number in the list. */
  line: number;
  /** The line (cut to MAX_PROBLEM_TEXT). */
  text: string;
  reason: string;
}

export interface CosmeticRule {
  /** `siteKey` of the host, or `*` for every site. */
  site: string;
  rule: NewUserRule;
  /** The line it came from. */
  line: number;
}

export interface CosmeticList {
  rules: CosmeticRule[];
  problems: CosmeticProblem[];
}

/** Longest line shown back with a problem: enough to find it in the list. */
export const MAX_PROBLEM_TEXT = 200;
/** Longest list read: a full EasyList is about 2 MB; anything much larger is not a filter list. */
export const MAX_LIST_CHARS = 10_000_000;

/** An imported rule's kind: told by its selector's words (`kindOfName`), else an ad, as most filter-list rules are. */
export function kindOfSelector(selector: string): Kind {
  return kindOfName(selector) ?? DEFAULT_USER_KIND;
}

/** Separators this parser does not support, with the reason's message key. */
const OTHER_SEPARATORS: readonly [RegExp, 'cosmeticProcedural' | 'cosmeticCssInjection' | 'cosmeticScriptlet'][] = [
  [/^#@?\?#$/, 'cosmeticProcedural'],
  [/^#@?\$\??#$/, 'cosmeticCssInjection'],
  [/^#@?%#$/, 'cosmeticScriptlet'],
];

/**
 * Splits a selector ending in `:has-text(…)` into the selector and the argument. Returns the
 * problem when `:has-text()` is there but not once, at the end.
 */
export function splitHasText(selector: string): { selector: string; hasText?: string } | { problem: string } {
  const lower = selector.toLowerCase();
  const at = lower.indexOf(':has-text(');
  if (at < 0) return { selector };
  if (lower.indexOf(':has-text(', at + 1) >= 0) return { problem: t('cosmeticHasTextOnce') };
  const base = selector.slice(0, at).trim();
  const rest = selector.slice(at + ':has-text('.length);
  if (!base) return { problem: t('cosmeticHasTextNoSelector') };
  if (!rest.endsWith(')')) return { problem: t('cosmeticHasTextNotLast') };
  const arg = rest.slice(0, -1);
  // A /regex/ may hold any parentheses; plain text must close them in order, or something follows.
  if (!/^\/.+\/[a-z]*$/s.test(arg)) {
    let depth = 0;
    for (let i = 0; i < arg.length; i++) {
      const c = arg[i];
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth < 0) return { problem: t('cosmeticHasTextNotLast') };
    }
  }
  const bad = hasTextProblem(arg);
  if (bad) return { problem: bad };
  return { selector: base, hasText: arg };
}

/** `google.*` (every top-level domain) and `/regex/` hosts, which name no one site. */
const ENTITY_HOST = /\.\*$/;

function parseHosts(part: string): { sites: string[] } | { problem: string } {
  if (part.trim() === '') return { sites: [ANY_SITE] };
  const sites: string[] = [];
  for (const raw of part.split(',')) {
    const h = raw.trim().toLowerCase();
    if (!h) continue;
    if (h === ANY_SITE) {
      if (!sites.includes(ANY_SITE)) sites.push(ANY_SITE);
      continue;
    }
    if (h.startsWith('~')) return { problem: t('cosmeticNegatedHost', h) };
    if (ENTITY_HOST.test(h)) return { problem: t('cosmeticEntityHost', h) };
    if (h.startsWith('/')) return { problem: t('cosmeticRegexHost') };
    let host = '';
    try {
      const u = new URL(`http://${h}/`);
      host = u.hostname === h || u.hostname === h.replace(/\.$/, '') || /[^\p{ASCII}]/u.test(h) ? u.hostname : '';
    } catch {
      host = '';
    }
    const key = host ? userSiteKey(host) : '';
    if (!key || key === ANY_SITE) return { problem: t('cosmeticBadHost', h) };
    if (!sites.includes(key)) sites.push(key);
  }
  return sites.length ? { sites } : { problem: t('cosmeticBadHost', part.trim()) };
}

const cut = (s: string) => (s.length > MAX_PROBLEM_TEXT ? `${s.slice(0, MAX_PROBLEM_TEXT - 1)}…` : s);

/**
 * Parses a filter list. With `check` (from `selectorCheck(document)`), selectors are also checked
 * against that document's CSS engine. Never throws.
 */
export function parseCosmeticList(text: string, check?: SelectorCheck): CosmeticList {
  const rules: CosmeticRule[] = [];
  const problems: CosmeticProblem[] = [];
  const lines = text.slice(0, MAX_LIST_CHARS).split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    const problem = (reason: string) => problems.push({ line, text: cut(s), reason });
    if (!s || s.startsWith('!') || /^\[.*\]$/.test(s)) return;

    // The separator: the first '#' (host names hold none) starts it; AdGuard's HTML filters use $$.
    const hash = s.indexOf('#');
    const sep = hash >= 0 ? /^#@?[?$%]?\??#/.exec(s.slice(hash))?.[0] : undefined;
    const dollars = /^([^#$]*)(\$@?\$)/.exec(s);
    if (dollars && (hash < 0 || dollars.index + dollars[1].length < hash)) return void problem(t('cosmeticHtmlFilter'));
    if (!sep) return void problem(t('cosmeticNetwork'));
    const hostPart = s.slice(0, hash);
    let body = s.slice(hash + sep.length).trim();
    if (/[|/^]|^@@/.test(hostPart)) return void problem(t('cosmeticNetwork'));
    for (const [re, key] of OTHER_SEPARATORS) if (re.test(sep)) return void problem(t(key));
    if (sep !== '##' && sep !== '#@#') return void problem(t('cosmeticUnknown'));
    if (/^\+js\(/i.test(body)) return void problem(t('cosmeticScriptlet'));
    if (body.startsWith('^')) return void problem(t('cosmeticHtmlFilter'));
    if (!body) return void problem(t('ruleProblemEmpty'));

    const hosts = parseHosts(hostPart);
    if ('problem' in hosts) return void problem(hosts.problem);

    // One :has-text() at the end is ours; any other operator (or a second :has-text) is not.
    const op = proceduralOperator(body, [':has-text(']);
    if (op) return void problem(t('ruleProblemProcedural', op));
    const split = splitHasText(body);
    if ('problem' in split) return void problem(split.problem);
    body = split.selector;
    const bad = userRuleProblem({ selector: body, hasText: split.hasText }, check);
    if (bad) return void problem(bad);

    const allow = sep === '#@#';
    for (const site of hosts.sites) {
      rules.push({
        site,
        line,
        rule: {
          selector: body,
          kind: kindOfSelector(body),
          ...(split.hasText !== undefined ? { hasText: split.hasText } : {}),
          ...(allow ? { allow: true } : {}),
          from: 'import',
        },
      });
    }
  });
  return { rules, problems };
}
