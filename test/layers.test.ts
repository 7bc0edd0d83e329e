/**
 * Layers and import cycles, read from the sources: every import (value, type, re-export, dynamic
 * import(), typeof import()) of lib/, entrypoints/ and scripts/ is resolved to a file or a
 * package, then checked against the layer table below. Imports run one way: engine ← rules ←
 * extension ← ui; entrypoints/ and scripts/ may import anything. The import graph has no cycle.
 * (The engine's ban on browser globals is in eslint.config.js: ESLint sees scopes, this test
 * sees files.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative, sep } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

interface Layer {
  dir: string;
  /** Project paths (a folder ending in /, or one file) this layer may import. */
  files: string[];
  /** Packages it may import (by name: 'wxt' covers 'wxt/browser'). */
  packages: string[];
  why: string;
}

/** Every file under lib/ belongs to one of these. */
const LAYERS: Layer[] = [
  {
    dir: 'lib/engine/',
    files: ['lib/engine/'],
    packages: ['@mozilla/readability'],
    why: 'the engine is pure DOM: it runs on a page, in the background, and under linkedom in Node',
  },
  {
    dir: 'lib/rules/',
    files: ['lib/engine/', 'lib/rules/'],
    packages: [],
    why: 'rules are data and tools on top of the engine, with no browser API',
  },
  {
    dir: 'lib/extension/',
    // public/_locales: the English catalog gives the message keys their type (i18n.ts).
    files: ['lib/engine/', 'lib/rules/', 'lib/extension/', 'public/_locales/'],
    // linkedom: the background parses page snapshots with no DOM of its own.
    packages: ['wxt', 'linkedom'],
    why: 'the extension wires the engine and rules to the browser, and knows nothing of the UI',
  },
  {
    dir: 'lib/ui/',
    files: ['lib/engine/index.ts', 'lib/rules/', 'lib/extension/', 'lib/ui/'],
    packages: [],
    why: 'the UI reaches the engine only through lib/engine/index.ts',
  },
];

/** The folders whose imports make the graph (tests import anything and nothing imports them). */
const SOURCES = ['lib', 'entrypoints', 'scripts'];
/** WXT's path aliases (.wxt/tsconfig.json): all name the project root. */
const ALIASES = ['~~/', '@@/', '~/', '@/'];

interface Import {
  from: string;
  /** A project path, or a package name. */
  to: string;
  package: boolean;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function resolve(from: string, spec: string): string | null {
  const alias = ALIASES.find((a) => spec.startsWith(a));
  const base = alias ? join(root, spec.slice(alias.length)) : join(root, dirname(from), spec);
  const file = [base, `${base}.ts`, join(base, 'index.ts')].find((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
  return file ? relative(root, file).split(sep).join('/') : null;
}

/** Every module specifier in a file: of imports, type imports, re-exports, import() and typeof import(). */
function specifiers(file: string, src: string): string[] {
  const out: string[] = [];
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      out.push(arg && ts.isStringLiteralLike(arg) ? arg.text : '(computed)');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sourceFiles(): string[] {
  return SOURCES.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => `${dir}/${f.split(sep).join('/')}`),
  ).sort();
}

function imports(files: string[]): { imports: Import[]; unresolved: string[] } {
  const all: Import[] = [];
  const unresolved: string[] = [];
  for (const from of files) {
    for (const spec of specifiers(from, readFileSync(join(root, from), 'utf8'))) {
      const local = spec.startsWith('.') || ALIASES.some((a) => spec.startsWith(a));
      if (!local) {
        all.push({ from, to: packageName(spec), package: true });
        continue;
      }
      const to = resolve(from, spec);
      if (to) all.push({ from, to, package: false });
      else unresolved.push(`${from}: '${spec}'`);
    }
  }
  return { imports: all, unresolved };
}

const layerOf = (file: string): Layer | undefined => LAYERS.find((l) => file.startsWith(l.dir));

function allowed(layer: Layer, imp: Import): boolean {
  if (imp.package) return layer.packages.includes(imp.to);
  return layer.files.some((f) => (f.endsWith('/') ? imp.to.startsWith(f) : imp.to === f));
}

/** Each cycle of the graph once (Tarjan's strongly connected components), as a path back to its start. */
function cycles(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    const selfLoop = next.get(v)?.includes(v);
    if (component.length > 1 || selfLoop) found.push(pathThrough(component.sort(), next));
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return found;
}

/** One concrete loop inside a strongly connected component, from its first file back to it. */
function pathThrough(component: string[], next: Map<string, string[]>): string[] {
  const inside = new Set(component);
  const start = component[0];
  const back = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (w === start) {
        const path = [start];
        for (let a: string | undefined = v; a && a !== start; a = back.get(a)) path.splice(1, 0, a);
        return [...path, start];
      }
      if (inside.has(w) && !back.has(w)) {
        back.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

/** Top-level statements that only declare (and `export default name`). */
const DECLARATION = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
]);

const files = sourceFiles();
const graph = imports(files);

describe('import graph', () => {
  it('resolves every local import to a file', () => {
    expect(graph.unresolved).toEqual([]);
  });

  it('puts every file under lib/ in one layer', () => {
    expect(files.filter((f) => f.startsWith('lib/') && !layerOf(f))).toEqual([]);
  });

  it.each(LAYERS.map((l) => [l.dir, l] as const))('%s imports only what its layer may', (_dir, layer) => {
    const bad = graph.imports
      .filter((imp) => imp.from.startsWith(layer.dir) && !allowed(layer, imp))
      .map((imp) => `${imp.from} imports ${imp.package ? `package '${imp.to}'` : imp.to}: ${layer.why}`);
    expect(bad).toEqual([]);
  });

  it('has no import cycle (type-only imports too: a type shared both ways belongs lower down)', () => {
    const loops = cycles(graph.imports.filter((imp) => !imp.package));
    expect(loops.map((c) => c.join(' → '))).toEqual([]);
  });

  it('keeps lib/engine/ free of work at import: its modules only declare (wxt.config.ts lets the bundler drop what a page does not use)', () => {
    const work = files
      .filter((f) => f.startsWith('lib/engine/'))
      .flatMap((f) => {
        const sf = ts.createSourceFile(f, readFileSync(join(root, f), 'utf8'), ts.ScriptTarget.Latest, true);
        const declares = (st: ts.Statement) => DECLARATION.has(st.kind) || (ts.isExportAssignment(st) && ts.isIdentifier(st.expression));
        return sf.statements.filter((st) => !declares(st)).map((st) => `${f}:${sf.getLineAndCharacterOfPosition(st.getStart()).line + 1}`);
      });
    expect(work).toEqual([]);
  });
});

describe('eslint.config.js', () => {
  it('keeps browser globals out of lib/engine/ and lib/rules/, types aside', async () => {
    const code = `export const f = (d: Document, n: Node): boolean => n.nodeType === Node.ELEMENT_NODE && d === document && typeof chrome === 'object';\n`;
    const eslint = new ESLint({ cwd: root });
    const banned = async (file: string) =>
      (await eslint.lintText(code, { filePath: join(root, file) }))[0].messages.filter((m) => m.ruleId === 'no-restricted-globals').map((m) => m.column);
    const columns = [code.indexOf('Node.'), code.indexOf('document'), code.indexOf('chrome')].map((i) => i + 1);
    expect(await banned('lib/engine/find/probe.ts')).toEqual(columns);
    expect(await banned('lib/rules/probe.ts')).toEqual(columns);
    expect(await banned('lib/extension/probe.ts')).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('find a cycle, and one path around it', () => {
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'c', to: 'd' },
      { from: 'e', to: 'e' },
    ];
    expect(cycles(edges)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
    expect(cycles(edges.slice(0, 2))).toEqual([]);
  });

  it('read every kind of import', () => {
    const src = `
      import a from './a';
      import type { B } from './b';
      import { type C, c } from './c';
      import './d';
      export { e } from './e';
      export type { F } from './f';
      export * from './g';
      type H = typeof import('./h');
      const i = () => import('./i');
    `;
    expect(specifiers('x.ts', src)).toEqual(['./a', './b', './c', './d', './e', './f', './g', './h', './i']);
  });
});
