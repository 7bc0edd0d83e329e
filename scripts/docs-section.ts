/**
 * Sections of docs/benchmarks.md that one bench writes and the others keep: each between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` (bench:docs rewrites the rest of the page).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const start = (name: string) => `<!-- bench:${name} -->`;
const end = (name: string) => `<!-- /bench:${name} -->`;

/** The section NAME of a page, markers included ('' when there is none). */
export function getSection(doc: string, name: string): string {
  const i = doc.indexOf(start(name));
  const j = doc.indexOf(end(name));
  return i >= 0 && j > i ? doc.slice(i, j + end(name).length) : '';
}

/** Every section of a page, in order. */
export function allSections(doc: string): string[] {
  return [...doc.matchAll(/<!-- bench:([\w-]+) -->/g)].map((m) => getSection(doc, m[1])).filter(Boolean);
}

/** The page with section NAME put in (or replaced) with `body`. */
export function putSection(doc: string, name: string, body: string): string {
  const section = `${start(name)}\n${body.trim()}\n${end(name)}`;
  const old = getSection(doc, name);
  return old ? doc.replace(old, section) : `${doc.trimEnd()}\n\n${section}\n`;
}

/** Puts section NAME in a file (a page titled "Benchmarks" when there is none yet). */
export function writeSection(file: string, name: string, body: string): void {
  writeFileSync(file, putSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n', name, body));
}
