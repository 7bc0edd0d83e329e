/**
 * learn: read two or more saved pages of one site and print a site rule file (lib/sites/ format,
 * usable with `npm run -s strip -- --rules FILE`) with each rule's evidence and confidence, and
 * the selectors rejected because they would hide article text.
 *
 *   npm run -s learn -- --host HOST [--min-share S] [--base DIR] PAGE.html PAGE.html [...]
 *
 * The rule file goes to stdout, a short summary to stderr. Exit codes: 2 for usage (no host,
 * fewer than two pages, an unknown option), 1 for input (a missing, empty or non-HTML file, a
 * page of another host).
 */
import { relative, sep } from 'node:path';
import { LearnError, learnSiteRules, type LearnSample } from '../lib/rules/learn';
import { InputError, parseDocument, readHtml } from './page';

const USAGE = 'usage: npm run -s learn -- --host HOST [--min-share S] [--base DIR] PAGE.html PAGE.html [...]';

/** The command as typed, for the rule file's `source`: arguments quoted only where the shell needs it. */
function command(argv: string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['npm run -s learn --', ...argv.map(quote)].join(' ');
}

/** A sample's name: its path relative to --base when it lies under it, else the path as given. */
function sampleName(file: string, base: string | undefined): string {
  if (!base) return file;
  const rel = relative(base, file);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : file;
}

function main(argv: string[]): number {
  let host: string | undefined;
  let minShare: number | undefined;
  let base: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--host' || a === '--min-share' || a === '--base') {
      const v = argv[++i];
      if (!v) {
        process.stderr.write(`${a} needs a value\n${USAGE}\n`);
        return 2;
      }
      if (a === '--host') host = v;
      else if (a === '--base') base = v;
      else {
        minShare = Number(v);
        if (!(minShare > 0 && minShare <= 1)) {
          process.stderr.write(`--min-share must be a number in (0, 1], such as 0.5; got ${v}\n`);
          return 2;
        }
      }
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('--')) {
      process.stderr.write(`unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (!host) {
    process.stderr.write(`--host is required: the site the pages come from, such as cnbc.com\n${USAGE}\n`);
    return 2;
  }
  if (files.length < 2) {
    process.stderr.write(`learning needs two or more pages of ${host}; got ${files.length}\n${USAGE}\n`);
    return 2;
  }

  const samples: LearnSample[] = [];
  let failed = false;
  for (const file of files) {
    try {
      samples.push({ name: sampleName(file, base), doc: parseDocument(readHtml(file)) });
    } catch (e) {
      failed = true;
      process.stderr.write(e instanceof InputError ? `${e.message}\n` : `${file}: ${(e as Error).message}\n`);
    }
  }
  if (failed) {
    process.stderr.write('no rules learned: every page must be readable\n');
    return 1;
  }

  let result;
  try {
    result = learnSiteRules(samples, { host, minShare, source: command(argv) });
  } catch (e) {
    if (!(e instanceof LearnError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 1;
  }
  const { site, warnings } = result;
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(`${JSON.stringify(site, null, 2)}\n`);

  const lines = [`${site.host}: ${site.rules.length} rule${site.rules.length === 1 ? '' : 's'} from ${samples.length} pages`];
  const text = (r: { hasText?: string }) => (r.hasText === undefined ? '' : `:has-text(${r.hasText})`);
  for (const r of site.rules)
    lines.push(`  ${r.kind.padEnd(10)} ${r.selector}${text(r)}  (confidence ${r.confidence}, ${r.samples.length}/${samples.length} pages; ${r.foundBy})`);
  if (site.rejected.length) lines.push(`rejected ${site.rejected.length}:`);
  for (const r of site.rejected) lines.push(`  ${r.kind.padEnd(10)} ${r.selector}${text(r)}: ${r.why} on ${r.sample}`);
  process.stderr.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
