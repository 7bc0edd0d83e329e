/** The content script's span record (lib/perf.ts). */
import { describe, expect, it } from 'vitest';
import { MAX_SPANS, PERF_KEY, spans, timed } from '../lib/extension/content/perf';

describe('timed', () => {
  it('returns what the function returns and records a span in this world', () => {
    const before = spans().length;
    expect(timed('dom-ready', () => 42)).toBe(42);
    const last = spans().at(-1)!;
    expect(spans().length).toBe(before + 1);
    expect(last.name).toBe('dom-ready');
    expect(last.ms).toBeGreaterThanOrEqual(0);
    expect((globalThis as unknown as Record<string, { spans: unknown[] }>)[PERF_KEY].spans).toBe(spans());
  });

  it('records a span when the function throws, and rethrows', () => {
    expect(() =>
      timed('late', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(spans().at(-1)!.name).toBe('late');
  });

  it(`keeps the latest ${MAX_SPANS} spans`, () => {
    for (let i = 0; i < MAX_SPANS + 10; i++) timed(`n${i}`, () => undefined);
    expect(spans().length).toBe(MAX_SPANS);
    expect(spans().at(-1)!.name).toBe(`n${MAX_SPANS + 9}`);
  });
});
