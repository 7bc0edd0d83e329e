/**
 * The built extension asks for little and runs only its own code: the manifest's permissions,
 * no loosened CSP, no host permissions, and no eval, Function constructor or remote script in any
 * bundled file. Runs after `wxt build` (npm run test:e2e builds first).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInStyleFiles } from '../../lib/engine/apply/site-style';
import { sites } from '../../lib/rules/sites/index';

const dir = join(import.meta.dirname, '../../.output/chrome-mv3');
/** The document_start script runs on every page before it parses: its size now (4.6 KB) with room for a constant or two. */
const MAX_EARLY_SCRIPT_BYTES = 6 * 1024;

function files(d: string): string[] {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));
}

describe('the built extension', () => {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

  it('asks for storage only, no hosts beyond its content script, and keeps the default strict CSP', () => {
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined(); // MV3's default: script-src 'self'
    // The content script once the DOM is parsed, everywhere; at document_start the early script
    // (one storage read, one <style>), and each built-in rules' site's stylesheet on that site.
    const scripts = manifest.content_scripts.map((c: { matches: string[]; run_at: string; js?: string[]; css?: string[] }) => [
      c.run_at,
      [...c.matches].sort(),
      c.js ?? [],
      c.css ?? [],
    ]);
    const files = builtInStyleFiles(sites);
    expect(files.length).toBe(sites.length);
    expect(scripts).toEqual([
      ['document_end', ['http://*/*', 'https://*/*'], ['content-scripts/content.js'], []],
      ['document_start', ['http://*/*', 'https://*/*'], ['content-scripts/early.js'], []],
      ...files.map((f) => ['document_start', [...f.matches].sort(), [], [f.file]]),
    ]);
    for (const f of files) expect(readFileSync(join(dir, f.file), 'utf8')).toBe(f.css);
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    for (const p of manifest.permissions) expect(readme).toMatch(new RegExp('`' + p + '`'));
  });

  it('runs every content script in the top frame only, and keeps the document_start script tiny: no engine in it', () => {
    for (const c of manifest.content_scripts) expect(c.all_frames ?? false).toBe(false);
    const early = join(dir, 'content-scripts/early.js');
    const src = readFileSync(early, 'utf8');
    // WXT's wrapper of a content script is about 3.3 KB of it, ours about 1.3 KB.
    expect(statSync(early).size).toBeLessThan(MAX_EARLY_SCRIPT_BYTES);
    expect(src).not.toContain('_readabilityDataTable');
    expect(src).toContain('declutter-early-style');
  });

  it('gives the pages (popup, options, reader) no Readability: only the content script and the background read articles', () => {
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBe(3);
    for (const page of pages) {
      const html = readFileSync(join(dir, page), 'utf8');
      const queue = [...html.matchAll(/<script[^>]*\bsrc="\/([^"]+)"/g)].map((m) => m[1]);
      const loaded = new Set<string>();
      for (let f = queue.shift(); f; f = queue.shift()) {
        if (loaded.has(f)) continue;
        loaded.add(f);
        const src = readFileSync(join(dir, f), 'utf8');
        expect(src.includes('_readabilityDataTable'), `${page} loads ${f}, which holds Readability`).toBe(false); // a name in its source
        for (const m of src.matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+)["'`]/g)) queue.push(join(f, '..', m[1]));
      }
      expect(loaded.size, page).toBeGreaterThan(0);
    }
  });

  it('has no eval, Function constructor, inline script or remote script', () => {
    const js = files(dir).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(3);
    for (const f of js) {
      const src = readFileSync(f, 'utf8');
      expect(src, f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"`]/);
      expect(src, f).not.toMatch(/import\s*\(\s*['"`]https?:/);
    }
    for (const f of files(dir).filter((x) => x.endsWith('.html'))) {
      const html = readFileSync(f, 'utf8');
      expect(html, f).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html, f).not.toMatch(/<script[^>]*src=["']https?:/i);
    }
  });
});
