/**
 * Folder conventions: one detector per file in lib/engine/find/detectors/, named by its id, registered once in
 * the explicit registry, with a test file of the same name; one rule file per site in lib/rules/sites/,
 * registered, valid, and naming the sample pages it came from; every vocabulary group in lib/engine/vocab/
 * has a unique id and its evidence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../lib/engine/find/detectors/index';
import { sites } from '../lib/rules/sites/index';
import { parseSiteRules } from '../lib/rules/parse';
import { KINDS } from '../lib/engine/types';
import { groups } from '../lib/engine/vocab/index';

const root = join(import.meta.dirname, '..');
const detectorFiles = readdirSync(join(root, 'lib/engine/find/detectors')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
const siteFiles = readdirSync(join(root, 'lib/rules/sites')).filter((f) => f.endsWith('.json'));

describe('lib/engine/find/detectors', () => {
  it('registers every detector file exactly once, in the registry, under its file name', () => {
    expect(detectors.map((d) => `${d.id}.ts`).sort()).toEqual([...detectorFiles].sort());
    expect(new Set(detectors.map((d) => d.id)).size).toBe(detectors.length);
  });

  it.each(detectorFiles)('%s has one kind, a description, a test file, and its thresholds as named constants', (file) => {
    const d = detectors.find((x) => `${x.id}.ts` === file)!;
    expect(KINDS).toContain(d.kind);
    expect(d.description.length).toBeGreaterThan(10);
    expect(readdirSync(join(root, 'test/detectors'))).toContain(file.replace(/\.ts$/, '.test.ts'));
    const src = readFileSync(join(root, 'lib/engine/find/detectors', file), 'utf8');
    expect(src).toMatch(/^\/\*\*/); // says what it finds before anything else
    // Every exported threshold has a comment giving its reason on the line above.
    for (const m of src.matchAll(/^export const [A-Z_]+ = /gm)) {
      const before = src.slice(0, m.index).trimEnd();
      expect(before.endsWith('*/'), `${file}: ${m[0]} needs a reason`).toBe(true);
    }
  });
});

describe('lib/rules/sites', () => {
  it('registers every site file', () => {
    expect(sites.map((s) => `${s.host}.json`).sort()).toEqual([...siteFiles].sort());
  });

  it.each(siteFiles)('%s is valid plain data and every rule names its sample pages', (file) => {
    const data = JSON.parse(readFileSync(join(root, 'lib/rules/sites', file), 'utf8'));
    const { rules, problems } = parseSiteRules(data);
    expect(problems).toEqual([]);
    expect(rules?.host).toBe(file.replace(/\.json$/, ''));
    for (const r of rules!.rules) expect(r.samples?.length, r.selector).toBeGreaterThan(0);
  });

  it.each(siteFiles)("%s gives its reasons in a reader's words (the popup shows them)", (file) => {
    const data = JSON.parse(readFileSync(join(root, 'lib/rules/sites', file), 'utf8')) as { rules: { reason: string }[] };
    for (const { reason } of data.rules) expect(reason).not.toMatch(/\b(?:detector|selector|template|sample|class|confidence)\b|\.[a-z][\w-]*[A-Z_-]/);
  });
});

describe('lib/engine/vocab', () => {
  const vocabFiles = readdirSync(join(root, 'lib/engine/vocab')).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'group.ts');

  it('lists every group once, under a unique dotted id', () => {
    const exported = vocabFiles.flatMap((f) => [
      ...readFileSync(join(root, 'lib/engine/vocab', f), 'utf8').matchAll(/^export const [A-Z_]+: (?:Name|Pattern|Word)Group = \{/gm),
    ]);
    expect(groups.length).toBe(exported.length);
    expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
    for (const g of groups) expect(g.id).toMatch(/^[a-z-]+(?:\.[a-z-]+)+$/);
  });

  it.each(groups.map((g) => [g.id, g] as const))('%s has its evidence (a corpus page, a test or a reason)', (_id, g) => {
    expect(g.evidence.trim().length, g.id).toBeGreaterThan(20);
  });
});
