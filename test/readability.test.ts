/**
 * The Readability adapter (lib/engine/article/readability.ts) leans on the library's internals:
 * the installed version must be the one it was written for, and each internal it calls must be
 * there. A failure here means: read the new release's changes before changing the pin.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { READABILITY_VERSION, USED_INTERNALS, LIKELY_NAME, UNLIKELY_NAME } from '../lib/engine/article/readability';
import { docFrom } from './helpers/dom';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;

describe('the Readability adapter', () => {
  it('is written for the installed Readability, pinned exactly in package.json', () => {
    const installed = JSON.parse(readFileSync(require.resolve('@mozilla/readability/package.json'), 'utf8')).version;
    expect(installed).toBe(READABILITY_VERSION);
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(pkg.dependencies['@mozilla/readability']).toBe(READABILITY_VERSION);
  });

  it.each(USED_INTERNALS)('finds %s on a reader', (name) => {
    const reader = new Readability(docFrom('<p>text</p>')) as unknown as Record<string, unknown>;
    expect(typeof reader[name]).toBe('function');
  });

  it("reads Readability's name tests from the library", () => {
    expect(UNLIKELY_NAME.test('sidebar')).toBe(true);
    expect(LIKELY_NAME.test('main-content')).toBe(true);
  });

  it("finds the body's innerHTML as an accessor it can wrap", () => {
    const body = docFrom('<p>text</p>').body;
    let desc: PropertyDescriptor | undefined;
    for (let o: object | null = Object.getPrototypeOf(body); o && !desc; o = Object.getPrototypeOf(o)) desc = Object.getOwnPropertyDescriptor(o, 'innerHTML');
    expect(typeof desc?.get).toBe('function');
    expect(typeof desc?.set).toBe('function');
  });
});
