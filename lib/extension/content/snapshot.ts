/**
 * The engine away from the page's main thread: the content script sends the page as markup (one
 * native serialization, a few ms), the background parses it and runs the engine there, and the
 * answer names each block by its path of element positions from <body>. The content script finds
 * each block again by its path and checks it before hiding anything: same tag, same length of
 * text (`signature`). A block that does not check out means the page changed meanwhile, or
 * parses differently away from the browser: it is not hidden (the content script decides what
 * next: lib/extension/content/cleaner.ts).
 *
 * A page whose markup is over MAX_SNAPSHOT_CHARS goes as a compact snapshot (`CompactSnapshot`):
 * the same elements at the same places, but each text cut to COMPACT_TEXT_CHARS (a mark after it
 * says how much was cut, so a block's length of text is still known) and each attribute value to
 * COMPACT_ATTR_CHARS. It is written a slice at a time, so the page's thread is never held long.
 *
 * Pure DOM code: the same in the content script, the background (linkedom) and the tests.
 */
import type { Analysis } from '../../engine/analyze';
import { KINDS, type Block, type DetectorError, type Kind, type Report } from '../../engine/types';

/**
 * Markup longer than this does not go whole (a message this big costs more than it saves, and the
 * engine would take minutes on it in the background): the page goes as a compact snapshot, and
 * one still longer than this is not analyzed at all.
 */
export const MAX_SNAPSHOT_CHARS = 24_000_000;

/**
 * Each text of a compact snapshot is cut to this many characters. The engine's tests of text read
 * short texts whole (captions, labels, links, sign-up prompts are far shorter) and long ones only
 * as long: a 2 kB paragraph and its first 256 characters score alike. A 50 MB article goes as 6 MB.
 */
export const COMPACT_TEXT_CHARS = 256;

/** Each attribute value of a compact snapshot is cut to this many characters (inline images as data: URLs). */
export const COMPACT_ATTR_CHARS = 1_024;

/** The comment after a cut text in a compact snapshot: `<!--declutter-cut:N-->`, N characters cut. */
const CUT_MARK = 'declutter-cut:';

/** What the content script sends: the page's markup, and what the engine needs besides. */
export interface SnapshotRequest {
  html: string;
  url: string;
  /** A compact snapshot (`CompactSnapshot`): texts were cut, and marked where. */
  compact?: boolean;
}

/** The engine's answer, as plain data: the report, and where each block is. */
export interface RemoteAnalysis {
  report: Report;
  /** Element positions from <body> down to each block, by block id. */
  paths: Record<string, number[]>;
  /** Each block's `signature`, by block id: checked on the page before the block is hidden. */
  signatures: Record<string, string>;
  /** Parsing the markup, in the background (ms). */
  parseMs: number;
}

/**
 * A script or style element in serialized markup: its tag, its attributes (the serializer quotes
 * every value with `"`), its text. The text of scripts and styles is most of a news page's bytes
 * (inline bundles, state JSON, critical CSS), and the engine reads none of it, so it does not
 * travel: the element stays (element positions are unchanged), empty. JSON-LD stays whole:
 * Readability reads the title, byline and site name from it.
 */
const SCRIPT_OR_STYLE = /<(script|style)(?=[\s>])((?:[^>"]|"[^"]*")*)>([\s\S]*?)<\/\1>/gi;

function emptyScripts(html: string): string {
  return html.replace(SCRIPT_OR_STYLE, (all, tag: string, attrs: string) =>
    tag.toLowerCase() === 'script' && /ld\+json/i.test(attrs) ? all : `<${tag}${attrs}></${tag}>`,
  );
}

/**
 * The page as markup: what the background parses. Only <head> and <body> go, in a clean <html>:
 * anything else the page or an extension put straight into <html> (an extension's stylesheet
 * added at document_start, before <head> exists) is not page content, and would throw a parser off.
 * Scripts and styles go empty (`emptyScripts`). Empty for a page without a body.
 */
export function snapshot(doc: Document): string {
  const root = doc.documentElement;
  const head = root && child(root, 'HEAD');
  const body = bodyOf(doc);
  if (!root || !body) return '';
  let attrs = '';
  for (const a of Array.from(root.attributes)) attrs += ` ${a.name}="${a.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  return emptyScripts(`<!DOCTYPE html><html${attrs}>${head?.outerHTML ?? ''}${body.outerHTML}</html>`);
}

/** Elements without end tag or content. */
const VOID_TAGS = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose text the background's parser (linkedom) reads as it is, entities and all: written as it is. */
const AS_IS_TAGS = new Set(['textarea', 'xmp', 'plaintext']);
/**
 * Elements whose text is never cut: those above and the other raw-text ones, where a cut's mark
 * could be read as text. (Their text is escaped: markup in a <noscript>'s text stays text, and
 * cannot break the structure around it.)
 */
const UNCUT_TAGS = new Set([...AS_IS_TAGS, 'title', 'iframe', 'noembed', 'noframes', 'noscript']);

const escapeText = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
const escapeAttr = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');

/** One level of the compact snapshot's walk: the next node to write, and how the level ends. */
interface Level {
  next: ChildNode | null;
  /** The rest of a fixed list of nodes (the top level: <head>, <body>). */
  list?: Node[];
  close: string;
  /** Text here is written as it is (AS_IS_TAGS). */
  raw: boolean;
  /** Text here may be cut (not inside UNCUT_TAGS). */
  cut: boolean;
}

/**
 * The page as compact markup (see the file's comment), written by `step` a slice at a time:
 * <head> and <body> in a clean <html>, as `snapshot` has them; scripts and styles empty (JSON-LD
 * whole); comments and <template> contents left out (neither is an element of the page's tree).
 * The page may change between slices: what is written is still well-formed markup, and the
 * blocks found in it are checked on the page as any others are.
 */
export class CompactSnapshot {
  /** The markup, once done; empty for a page without a body or over `maxChars` even so. */
  html = '';
  done = false;
  /** How long the markup got (characters). */
  chars = 0;
  private readonly out: string[] = [];
  private readonly stack: Level[] = [];

  /** `maxChars`: the longest markup it writes (else `html` stays empty). */
  constructor(
    doc: Document,
    private readonly maxChars = MAX_SNAPSHOT_CHARS,
  ) {
    const root = doc.documentElement;
    const body = bodyOf(doc);
    if (!root || !body) {
      this.done = true;
      return;
    }
    const head = child(root, 'HEAD');
    let attrs = '';
    for (const a of Array.from(root.attributes)) attrs += ` ${a.name}="${escapeAttr(a.value)}"`;
    this.write(`<!DOCTYPE html><html${attrs}>`);
    this.stack.push({ next: null, list: head ? [head, body] : [body], close: '</html>', raw: false, cut: true });
  }

  /** Writes on until done or until `clock()` passes `until`; true once done. */
  step(until: number, clock: () => number): boolean {
    let n = 0;
    const stack = this.stack;
    while (stack.length && !this.done) {
      if ((++n & 127) === 0 && clock() >= until) return false;
      const level = stack[stack.length - 1];
      const node = level.list ? (level.list.shift() ?? null) : level.next;
      if (!node) {
        stack.pop();
        this.write(level.close);
        continue;
      }
      if (!level.list) level.next = node.nextSibling;
      if (node.nodeType === 3 || node.nodeType === 4) this.text(node.nodeValue ?? '', level);
      else if (node.nodeType === 1) this.element(node as Element);
    }
    if (!this.done) {
      this.done = true;
      this.html = this.chars > this.maxChars ? '' : this.out.join('');
    }
    return true;
  }

  private write(s: string): void {
    this.out.push(s);
    this.chars += s.length;
    if (this.chars > this.maxChars) {
      this.stack.length = 0; // too large even so: stop here
      this.out.length = 0;
    }
  }

  private text(v: string, level: Level): void {
    if (level.raw) this.write(v);
    else if (!level.cut || v.length <= COMPACT_TEXT_CHARS) this.write(escapeText(v));
    else this.write(`${escapeText(v.slice(0, COMPACT_TEXT_CHARS))}<!--${CUT_MARK}${v.length - COMPACT_TEXT_CHARS}-->`);
  }

  private element(el: Element): void {
    const name = el.localName;
    const tag = name.toLowerCase();
    let open = `<${name}`;
    for (const a of Array.from(el.attributes)) {
      const v = a.value.length > COMPACT_ATTR_CHARS ? a.value.slice(0, COMPACT_ATTR_CHARS) : a.value;
      open += ` ${a.name}="${escapeAttr(v)}"`;
    }
    open += '>';
    if (VOID_TAGS.has(tag)) {
      this.write(open);
    } else if (tag === 'script' || tag === 'style') {
      // Empty, as `emptyScripts` has them; JSON-LD whole (Readability reads it).
      const keep = tag === 'script' && /ld\+json/i.test(el.getAttribute('type') ?? '');
      this.write(`${open}${keep ? (el.textContent ?? '') : ''}</${name}>`);
    } else if (tag === 'template') {
      this.write(`${open}</${name}>`);
    } else {
      this.write(open);
      const parent = this.stack[this.stack.length - 1];
      this.stack.push({ next: el.firstChild, close: `</${name}>`, raw: AS_IS_TAGS.has(tag), cut: parent.cut && !UNCUT_TAGS.has(tag) });
    }
  }
}

/** Characters cut inside `el` in a compact snapshot (the sum of the cut marks in it). */
function cutInside(el: Element): number {
  let n = 0;
  const walker = el.ownerDocument.createTreeWalker(el, 128 /* NodeFilter.SHOW_COMMENT */);
  for (let c = walker.nextNode(); c; c = walker.nextNode()) {
    const v = c.nodeValue ?? '';
    if (v.startsWith(CUT_MARK)) n += Number(v.slice(CUT_MARK.length)) || 0;
  }
  return n;
}

/** Elements whose text is not the same on the page and in the snapshot. */
const UNEVEN_TEXT = 'script, style, noscript, template';

/**
 * What a block is checked by on the page: its tag and the length of its text. Left out: the text
 * of scripts and styles (emptied in the snapshot), of <noscript> (raw markup on a page with scripts
 * on, elements for a parser with scripts off) and of <template> (its content is not its children
 * on the page). Native `textContent`, so the check costs next to nothing even for a large block.
 */
export function signature(el: Element): string {
  const tag = el.tagName.toLowerCase();
  if (el.matches(UNEVEN_TEXT)) return `${tag}:-`;
  let len = (el.textContent ?? '').length;
  for (const x of Array.from(el.querySelectorAll(UNEVEN_TEXT))) {
    const outer = x.parentElement?.closest(UNEVEN_TEXT);
    if (!outer || !el.contains(outer)) len -= (x.textContent ?? '').length;
  }
  return `${tag}:${len}`;
}

function child(root: Element, tag: string): Element | null {
  for (let el = root.firstElementChild; el; el = el.nextElementSibling) if (el.tagName.toUpperCase() === tag) return el;
  return null;
}

/** The <body>: the first child of <html> of that name (as `document.body` is in a browser). */
function bodyOf(doc: Document): Element | null {
  const root = doc.documentElement;
  return root ? child(root, 'BODY') : null;
}

/** Positions among element siblings, from the body down to `el`; null for an element outside the body. */
export function pathOf(el: Element): number[] | null {
  const path: number[] = [];
  let node: Element = el;
  const root = bodyOf(el.ownerDocument);
  if (!root) return null;
  while (node !== root) {
    const parent = node.parentElement;
    if (!parent) return null;
    let i = 0;
    for (let s = node.previousElementSibling; s; s = s.previousElementSibling) i++;
    path.push(i);
    node = parent;
  }
  return path.reverse();
}

/** The element at a path from the body, or null when the page has no such position. */
export function atPath(doc: Document, path: readonly number[]): Element | null {
  let node: Element | null = bodyOf(doc);
  for (const i of path) {
    if (!node || !Number.isInteger(i) || i < 0 || i >= node.children.length) return null;
    node = node.children[i];
  }
  return node;
}

/**
 * An analysis made into plain data, blocks named by path (in the background). Of a compact
 * snapshot, each block's signature has the length of its text on the page: what was cut counts.
 */
export function toRemote(analysis: Analysis, parseMs: number, compact = false): RemoteAnalysis {
  const paths: Record<string, number[]> = {};
  const signatures: Record<string, string> = {};
  for (const b of analysis.report.blocks) {
    const el = analysis.elements.get(b.id);
    const path = el && pathOf(el);
    if (!el || !path) continue;
    paths[b.id] = path;
    const sig = signature(el);
    const cut = compact && !el.matches(UNEVEN_TEXT) ? cutInside(el) : 0;
    signatures[b.id] = cut ? sig.replace(/\d+$/, (len) => String(Number(len) + cut)) : sig;
  }
  return { report: analysis.report, paths, signatures, parseMs };
}

/** The background's parse time in an answer (0 if it does not say). */
export function remoteParseMs(x: unknown): number {
  const ms = isObject(x) ? x.parseMs : 0;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : 0;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The answer found again on the page: each block at its path, with its tag's kind of text, and how
 * many blocks were not (`missed`: the page changed meanwhile, or parses differently away from it).
 * A block is hidden only where the page holds exactly what the engine saw; the analysis has only
 * those. Null when the answer is malformed.
 */
export function fromRemote(doc: Document, x: unknown): { analysis: Analysis; missed: number } | null {
  if (!isObject(x) || !isObject(x.report) || !isObject(x.paths) || !isObject(x.signatures)) return null;
  const report = x.report as unknown as Report;
  if (!Array.isArray(report.blocks) || !Array.isArray(report.errors) || typeof report.isArticle !== 'boolean') return null;
  const elements = new Map<string, Element>();
  const blocks: Block[] = [];
  let missed = 0;
  for (const b of report.blocks as unknown[]) {
    if (!isObject(b) || typeof b.id !== 'string' || !KINDS.includes(b.kind as Kind) || typeof b.text !== 'string') return null;
    const path = (x.paths as Record<string, unknown>)[b.id];
    if (!Array.isArray(path)) return null;
    const el = atPath(doc, path as number[]);
    if (!el || signature(el) !== (x.signatures as Record<string, unknown>)[b.id]) {
      missed++;
      continue;
    }
    elements.set(b.id, el);
    blocks.push(b as unknown as Block);
  }
  const errors = (report.errors as unknown[]).filter(isObject) as unknown as DetectorError[];
  return { analysis: { report: { ...report, blocks, errors }, elements, article: null }, missed };
}
