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

export function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}
