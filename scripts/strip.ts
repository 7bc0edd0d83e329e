/**
 * strip: run the engine over saved pages and print one JSON object per page, one per line.
 *
 *   npm run -s strip -- [--url URL] [--rules FILE]... [--force] FILE...
 *
 * {file, url, title, isArticle, recognized, text, leftOut: [{filter, text}], pageText, removed: [{kind, text, reason, rule}], ms}
 *
 * As in the extension, a page the engine does not take for an article (isArticle false; recognized
 * says why) gets nothing hidden: removed is [] and pageText is the page as served. --force cleans it
 * anyway (the extension's "Clean this page anyway"). text is the article's text either way.
 * Problems with a file go to stderr; the other files are still processed; exit code 1 if any failed.
 */
import { readFileSync } from 'node:fs';
import type { SiteRules } from '../lib/engine/index';
import { parseSiteRules, sites as builtin } from '../lib/rules/index';
import { InputError, parseDocument, readHtml, stripPage } from './page';

const USAGE = 'usage: npm run -s strip -- [--url URL] [--rules FILE]... [--force] FILE...';

function loadRules(file: string): SiteRules[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`--rules ${file}: ${e instanceof SyntaxError ? 'not valid JSON: ' + e.message : 'cannot be read'}`);
  }
  const out: SiteRules[] = [];
  for (const item of Array.isArray(data) ? data : [data]) {
    const { rules, problems } = parseSiteRules(item);
    for (const p of problems) process.stderr.write(`--rules ${file}: ${p}\n`);
    if (rules) out.push(rules);
  }
  if (out.length === 0) throw new InputError(`--rules ${file}: no usable site rules`);
  return out;
}

function main(argv: string[]): number {
  let url: string | undefined;
  let force = false;
  const ruleFiles: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--url' || a === '--rules') {
      const v = argv[++i];
      if (!v) {
        process.stderr.write(`${a} needs a value\n${USAGE}\n`);
        return 2;
      }
      if (a === '--url') url = v;
      else ruleFiles.push(v);
    } else if (a === '--force') {
      force = true;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('--')) {
      process.stderr.write(`unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let sites: SiteRules[] = [...builtin];
  try {
    for (const f of ruleFiles) {
      const given = loadRules(f);
      // Given rules replace the built-in ones for their host.
      sites = [...sites.filter((s) => !given.some((g) => g.host === s.host)), ...given];
    }
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }

  let failed = false;
  for (const file of files) {
    try {
      const { line, report } = stripPage(parseDocument(readHtml(file)), file, { url, sites }, force);
      for (const e of report.errors) process.stderr.write(`${file}: ${e.source}: ${e.message}\n`);
      process.stdout.write(`${line}\n`);
    } catch (e) {
      failed = true;
      process.stderr.write(e instanceof InputError ? `${e.message}\n` : `${file}: ${(e as Error).message}\n`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
