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

describe("the content script's modules", () => {
  it("make no Error when they are evaluated (one cost about 30 ms of the script's start on each page in the browser benchmark)", async () => {
    const ts = (await import('typescript')).default;
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', 'lib');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(root, f));
    const made: string[] = [];
    for (const file of files) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      // Code run at evaluation: top-level statements, outside any function or class body.
      const visit = (node: import('typescript').Node): void => {
        if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
        if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && /^\w*Error$/.test(node.expression.getText(sf))) {
          made.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      sf.statements.forEach(visit);
    }
    expect(made).toEqual([]);
  });
});
