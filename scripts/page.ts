/** Node-side helpers for the CLI and the benchmarks: load HTML files into linkedom documents. */
import { readFileSync, statSync } from 'node:fs';
import { parseHTML } from 'linkedom';

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
  const html = buf.toString('utf8');
  if (!/<(?:!doctype\s+html|html|head|body|div|p|article|main)\b/i.test(html.slice(0, 200_000))) {
    throw new InputError(`${file}: not an HTML file (no HTML tags found)`);
  }
  return html;
}

/**
 * Parses HTML as a browser would, for the engine. linkedom keeps stray elements between </head> and
 * <body> (a misplaced <meta>, say) as children of <html>, and then does not find the body; a second
 * <body> stays a sibling of the first. Browsers move such elements into head or body and keep one
 * body; so do we, before anything asks for the body.
 */
export function parseDocument(html: string): Document {
  const doc = parseHTML(html).document as unknown as Document;
  const root = doc.documentElement;
  if (!root) return doc;
  const kids = Array.from(root.children);
  const bodies = kids.filter((el) => el.tagName === 'BODY');
  const head = kids.find((el) => el.tagName === 'HEAD');
  if (bodies.length > 0) {
    for (const el of kids) {
      if (el === head || el.tagName === 'BODY') continue;
      if (head && el.compareDocumentPosition(bodies[0]) & 4) head.appendChild(el); // before the body
      else bodies[0].appendChild(el);
    }
    for (const extra of bodies.slice(1)) {
      while (extra.firstChild) bodies[0].appendChild(extra.firstChild);
      extra.remove();
    }
  }
  return doc;
}
