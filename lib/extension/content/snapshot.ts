/**
 * The engine away from the page's main thread: the content script sends the page as markup (one
 * native serialization, a few ms), the background parses it and runs the engine there, and the
 * answer names each block by its path of element positions from <body>. The content script finds
 * each block again by its path and checks it before hiding anything: same tag, same length of
 * text (`signature`). A block that does not check out means the page changed meanwhile, or
 * parses differently away from the browser: it is not hidden (the content script decides what
 * next: lib/extension/content/cleaner.ts).
 *
 * Pure DOM code: the same in the content script, the background (linkedom) and the tests.
 */
import type { Analysis } from '../../engine/analyze';
import { KINDS, type Block, type DetectorError, type Kind, type Report } from '../../engine/types';

/** Pages larger than this are analyzed on the page itself (a message this big costs more than it saves). */
export const MAX_SNAPSHOT_CHARS = 24_000_000;

/** What the content script sends: the page's markup, and what the engine needs besides. */
export interface SnapshotRequest {
  html: string;
  url: string;
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

/** An analysis made into plain data, blocks named by path (in the background). */
export function toRemote(analysis: Analysis, parseMs: number): RemoteAnalysis {
  const paths: Record<string, number[]> = {};
  const signatures: Record<string, string> = {};
  for (const b of analysis.report.blocks) {
    const el = analysis.elements.get(b.id);
    const path = el && pathOf(el);
    if (!el || !path) continue;
    paths[b.id] = path;
    signatures[b.id] = signature(el);
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
