/** Node-side helpers for the CLI and the benchmarks: load HTML files into linkedom documents, and the CLI's output for one. */
import { readFileSync, statSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { analyze, blockText, hideBlocks, type AnalyzeOptions, type Report } from '../lib/engine/index';

export class InputError extends Error {}

/** Reads an HTML file, with a clear message for a missing, empty or non-HTML file. */
export function readHtml(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new InputError(`${file}: no such file`);
  }
  if (size === 0) throw new InputError(`${file}: the file is empty`);
  const buf = readFileSync(file);
  if (buf.subarray(0, 4096).includes(0)) throw new InputError(`${file}: not an HTML file (binary data)`);
  const html = decodeHtml(buf);
  if (!/<(?:!doctype\s+html|html|head|body|div|p|article|main)\b/i.test(html.slice(0, 200_000))) {
    throw new InputError(`${file}: not an HTML file (no HTML tags found)`);
  }
  return html;
}

/**
 * windows-1252's characters for bytes 0x80–0x9f (curly quotes, dashes, €…). Node's decoder for the
 * label reads these bytes as ISO-8859-1 control characters; browsers read them as windows-1252.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeLegacy(decoder: TextDecoder, buf: Uint8Array): string {
  const text = decoder.decode(buf);
  return decoder.encoding === 'windows-1252' ? text.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
}

/** How far into a file a charset declaration is looked for: browsers rescan when a late one turns up. */
const CHARSET_SCAN_BYTES = 65_536;

/**
 * Decodes an HTML file's bytes as a browser does: a byte-order mark wins, then a `<meta>` charset
 * declaration (either form), then UTF-8; bytes that are not UTF-8 without any declaration are read
 * as windows-1252, the web's legacy default. Unknown labels fall back to UTF-8.
 */
export function decodeHtml(buf: Uint8Array): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  const head = new TextDecoder('windows-1252').decode(buf.subarray(0, CHARSET_SCAN_BYTES));
  const end = head.search(/<\/head\s*>|<body\b/i);
  const declared = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(end < 0 ? head : head.slice(0, end))?.[1];
  if (declared) {
    let decoder: TextDecoder | undefined;
    try {
      decoder = new TextDecoder(declared);
    } catch {
      /* an unknown label: UTF-8 below */
    }
    // A page cannot declare UTF-16 in its own ASCII bytes; browsers read it as UTF-8.
    if (decoder && !decoder.encoding.startsWith('utf-16')) return decodeLegacy(decoder, buf);
    return new TextDecoder('utf-8').decode(buf);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return decodeLegacy(new TextDecoder('windows-1252'), buf);
  }
}

/**
 * Parses HTML as a browser would, for the engine. linkedom keeps stray elements between </head> and
 * <body> (a misplaced <meta>, say) as children of <html>, and then does not find the body; a second
 * <body> stays a sibling of the first. Browsers move such elements into head or body and keep one
 * body; so do we, before anything asks for the body.
 */
export function parseDocument(html: string): Document {
  const doc = parseHTML(html).document as unknown as Document;
  gatherUnderHtml(doc);
  const root = doc.documentElement;
  if (!root) return doc;
  const kids = Array.from(root.children);
  const bodies = kids.filter((el) => el.tagName === 'BODY');
  const head = kids.find((el) => el.tagName === 'HEAD');
  if (bodies.length > 0) {
    for (const el of kids) {
      if (el === head || el.tagName === 'BODY') continue;
      if (head && el.compareDocumentPosition(bodies[0]) & 4)
        head.appendChild(el); // before the body
      else bodies[0].appendChild(el);
    }
    for (const extra of bodies.slice(1)) {
      while (extra.firstChild) bodies[0].appendChild(extra.firstChild);
      extra.remove();
    }
  }
  return doc;
}

/**
 * linkedom leaves what comes before `<html>` (a server's warning printed ahead of the page) and a
 * page without an `<html>` tag as several top-level nodes, and then finds no body. Browsers build
 * one `<html>` with the head and the body, the stray content at the body's start or end; so do we.
 */
function gatherUnderHtml(doc: Document): void {
  const tops = Array.from(doc.childNodes).filter((n) => n.nodeType === 1 || (n.nodeType === 3 && (n.textContent ?? '').trim() !== ''));
  let html = tops.find((n): n is HTMLElement => n.nodeType === 1 && (n as Element).tagName === 'HTML');
  if (tops.length === 1 && html) return;
  if (tops.length === 0) return;
  if (!html) {
    html = doc.createElement('html');
    doc.insertBefore(html, tops[0]);
  }
  const own = Array.from(html.children);
  const head = own.find((el) => el.tagName === 'HEAD') ?? tops.find((n) => (n as Element).tagName === 'HEAD');
  let body = own.find((el) => el.tagName === 'BODY') ?? tops.find((n) => (n as Element).tagName === 'BODY');
  if (!body) body = doc.createElement('body');
  if (head && head.parentNode !== html) html.insertBefore(head, html.firstChild);
  if (body.parentNode !== html) html.appendChild(body);
  const before = tops.filter((n) => n !== html && n !== head && n !== body && n.compareDocumentPosition(html!) & 4);
  const after = tops.filter((n) => n !== html && n !== head && n !== body && !before.includes(n));
  const first = body.firstChild;
  for (const n of before) body.insertBefore(n, first);
  for (const n of after) body.appendChild(n);
}

/**
 * The CLI's work on one parsed page (`npm run -s strip`): the engine's analysis, its blocks hidden
 * (on an article page, or on any page when forced, as the extension's "Clean this page anyway"),
 * and the page's text that is left (`blockText`, visible only) — one JSON line, without the line
 * break. The fuzz test and bench:pathological go through it too. The document is changed: its
 * blocks are hidden.
 */
export function stripPage(doc: Document, file: string, options: AnalyzeOptions = {}, force = false): { line: string; report: Report } {
  const { report, elements } = analyze(doc, options);
  // What the extension does: a page that is not an article is left as it is, unless forced.
  const clean = report.isArticle || force;
  if (clean) hideBlocks(doc, elements);
  const line = {
    file,
    url: report.url,
    title: report.title,
    isArticle: report.isArticle,
    recognized: report.recognized ?? '',
    text: report.text,
    leftOut: report.leftOut ?? [],
    pageText: blockText(doc.body, { visibleOnly: true }),
    removed: (clean ? report.blocks : []).map(({ kind, text, reason, rule }) => ({ kind, text, reason, rule })),
    ms: Math.round(report.timings.total * 100) / 100,
  };
  return { line: JSON.stringify(line), report };
}
