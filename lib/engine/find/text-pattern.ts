/**
 * `:has-text(/re/flags)` patterns, matched in time linear in the text.
 *
 * A rule's pattern comes from a user, a filter list, a `--rules` file or a backup, and the
 * browser's own regular expressions backtrack: `/^(a+)+$/` on forty a's and a "!" takes longer
 * than anyone waits, `/a+$/` on 20,000 a's a quarter of a second, `/\s*\s*x/` hours; and a running
 * match cannot be stopped. Telling such patterns from the rest by their shape (star height, as
 * safe-regex does) misses some (`/a+$/`, `/\s*\s*x/` have no nested quantifier), and a time budget
 * comes too late. So a pattern with a repeat is never run by the browser's matcher on a page's
 * text: it is compiled into an automaton (Thompson's construction) and run over the text once, all
 * threads side by side (Pike's VM), which costs at most the text's length × the automaton's size,
 * and can stop between two characters: a pattern that has worked too much on a page gives up.
 * Only a pattern with no unbounded repeat and few ways through it (`Sponsored|Anzeige`) is left to
 * the browser, whose backtracking is then bounded as well.
 *
 * The browser still decides what every single character test means (a class, an escape, `.`, a
 * letter under `i`): each one is tested alone with a native expression of that one character, so
 * the pattern means what it means in JavaScript. Backreferences and lookarounds cannot be matched
 * this way and are refused, as are inline flags and patterns whose automaton is too large.
 */

/** Why a pattern cannot be used. `syntax`: not a JavaScript regular expression at all. */
export type TextPatternProblem = 'syntax' | 'flags' | 'backreference' | 'lookaround' | 'modifiers' | 'too-large' | 'too-slow';

/** A pattern refused, with the reason's code and an English message. */
export class TextPatternError extends Error {
  constructor(
    readonly problem: TextPatternProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TextPatternError';
  }
}

/** Flags a pattern may have. `g` and `y` would make a test depend on the one before; `v` is not read here. */
export const TEXT_PATTERN_FLAGS = /^[imsu]*$/;

/**
 * Most steps in a pattern's automaton: each character of a text costs at most this many. A
 * 200-character pattern without counted repeats stays far below; `(?:\w+\s){30}` or `a{999}` does not.
 */
export const MAX_PATTERN_STEPS = 1000;

/**
 * Most steps a pattern the browser's own matcher runs may take from one place in a text (ways
 * through it × the longest way): `Anzeige|Werbung|Sponsored` takes 27, so it keeps the browser's
 * speed; a 20,000-character text then costs at most a few million steps there.
 */
export const MAX_BACKTRACK_STEPS = 200;

/**
 * Most work (threads moved over a character, summed over every text it tests) one compiled
 * pattern does before it gives up: a quarter of a second or so. Linear is not cheap with a large
 * automaton on thousands of long texts; a rule that needs more is switched off for the page.
 * (The pattern `\s*sponsored\s*` does about 23,000 on a 20,000-character text, 3 on a 20-character label.)
 */
export const MAX_PATTERN_WORK = 5_000_000;

type Node =
  | { t: 'char'; src: string }
  | { t: 'assert'; kind: Assert }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; branches: Node[] }
  | { t: 'repeat'; node: Node; min: number; max: number };

const enum Assert {
  Start,
  End,
  Word,
  NotWord,
}

const enum Op {
  Char,
  Split,
  Jmp,
  Assert,
  Match,
}

const refuse = (problem: TextPatternProblem, message: string): never => {
  throw new TextPatternError(problem, message);
};

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-f]$/i.test(c);

/** How many capturing groups a (valid) pattern has, and whether one is named. */
function countGroups(src: string): { groups: number; named: boolean } {
  let groups = 0;
  let named = false;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      if (src[i + 1] !== '?') groups++;
      else if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') {
        groups++;
        named = true;
      }
    }
  }
  return { groups, named };
}

/** A parser of a pattern the browser has already accepted: it reads it as the browser does. */
class Parser {
  private i = 0;
  private readonly groups: number;
  private readonly named: boolean;

  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {
    ({ groups: this.groups, named: this.named } = countGroups(src));
  }

  parse(): Node {
    const node = this.disjunction();
    if (this.i < this.src.length) refuse('syntax', `unexpected "${this.src[this.i]}"`);
    return node;
  }

  private disjunction(): Node {
    const branches = [this.alternative()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.alternative());
    }
    return branches.length === 1 ? branches[0] : { t: 'alt', branches };
  }

  private alternative(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const group = this.src[this.i] === '(';
      const term = this.term();
      // A bare assertion takes no quantifier; a group does, whatever it holds: `(\b)*`.
      items.push(term.t === 'assert' && !group ? term : this.quantified(term));
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  /** The quantifier after an atom, if any (a `{` that is no quantifier is a literal, read next). */
  private quantified(atom: Node): Node {
    const s = this.src;
    const c = s[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return atom;
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else {
      return atom;
    }
    if (s[this.i] === '?') this.i++; // lazy: the same texts match
    return { t: 'repeat', node: atom, min, max };
  }

  private term(): Node {
    const s = this.src;
    const c = s[this.i];
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert', kind: c === '^' ? Assert.Start : Assert.End };
    }
    if (c === '(') return this.group();
    if (c === '[') return { t: 'char', src: this.classSource() };
    if (c === '\\') return this.escape();
    // `.` or a character as written: a whole code point under `u`.
    const cp = this.unicode ? s.codePointAt(this.i)! : s.charCodeAt(this.i);
    const len = cp > 0xffff ? 2 : 1;
    const src = s.slice(this.i, this.i + len);
    this.i += len;
    return { t: 'char', src };
  }

  private group(): Node {
    const s = this.src;
    this.i++; // (
    if (s[this.i] === '?') {
      const next = s[this.i + 1];
      if (next === '=' || next === '!' || (next === '<' && (s[this.i + 2] === '=' || s[this.i + 2] === '!'))) {
        refuse('lookaround', 'lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported');
      }
      if (next === ':') this.i += 2;
      else if (next === '<') this.i = s.indexOf('>', this.i) + 1;
      else refuse('modifiers', 'inline flags such as (?i:…) are not supported');
    }
    const node = this.disjunction();
    if (s[this.i] !== ')') refuse('syntax', 'unclosed group');
    this.i++;
    return node;
  }

  /** `[…]` as written: the browser reads it, one character at a time. */
  private classSource(): string {
    const s = this.src;
    const start = this.i;
    for (this.i++; this.i < s.length && s[this.i] !== ']'; this.i++) if (s[this.i] === '\\') this.i++;
    this.i++;
    return s.slice(start, this.i);
  }

  private escape(): Node {
    const s = this.src;
    const start = this.i;
    const c = s[this.i + 1];
    this.i += 2;
    const atom = (): Node => ({ t: 'char', src: s.slice(start, this.i) });
    if (c === 'b' || c === 'B') return { t: 'assert', kind: c === 'b' ? Assert.Word : Assert.NotWord };
    if (c === 'k' && (this.unicode || this.named)) refuse('backreference', 'backreferences (\\k<name>) are not supported');
    if (isDigit(c) && c !== '0') {
      let end = this.i;
      while (isDigit(s[end])) end++;
      if (this.unicode || Number(s.slice(start + 1, end)) <= this.groups) {
        refuse('backreference', `backreferences (\\${s.slice(start + 1, end)}) are not supported`);
      }
      // Without `u`, a number past the groups is an octal escape (\12) or the digit itself (\8).
      if (isOctal(c)) this.octalTail(c <= '3' ? 2 : 1);
      return atom();
    }
    if (c === '0') {
      if (!this.unicode) this.octalTail(2);
      return atom();
    }
    if (c === 'c') {
      if (/^[a-z]$/i.test(s[this.i] ?? '')) {
        this.i++;
        return atom();
      }
      // Without `u`, `\c` before a non-letter is a backslash; the `c` is read next, as itself.
      this.i--;
      return { t: 'char', src: '\\\\' };
    }
    if (c === 'x') {
      if (isHex(s[this.i]) && isHex(s[this.i + 1])) this.i += 2;
      return atom();
    }
    if (c === 'u') return this.unicodeEscape(start);
    if (c === 'p' || c === 'P') {
      if (this.unicode) this.i = s.indexOf('}', this.i) + 1;
      return atom();
    }
    // A control escape, a class escape (\d \s \w …) or a character escaped as itself: one code point.
    if (this.unicode && c !== undefined && s.codePointAt(start + 1)! > 0xffff) this.i++;
    return atom();
  }

  private octalTail(most: number): void {
    for (let n = 0; n < most && isOctal(this.src[this.i]); n++) this.i++;
  }

  /** `\uXXXX`, `\u{…}` and, under `u`, a surrogate pair written as two escapes (one character). */
  private unicodeEscape(start: number): Node {
    const s = this.src;
    const four = (at: number) => isHex(s[at]) && isHex(s[at + 1]) && isHex(s[at + 2]) && isHex(s[at + 3]);
    if (this.unicode && s[this.i] === '{') {
      this.i = s.indexOf('}', this.i) + 1;
    } else if (four(this.i)) {
      const unit = parseInt(s.slice(this.i, this.i + 4), 16);
      this.i += 4;
      if (this.unicode && unit >= 0xd800 && unit <= 0xdbff && s.startsWith('\\u', this.i) && four(this.i + 2)) {
        const low = parseInt(s.slice(this.i + 2, this.i + 6), 16);
        if (low >= 0xdc00 && low <= 0xdfff) this.i += 6;
      }
    }
    return { t: 'char', src: s.slice(start, this.i) };
  }
}

/** Steps a node compiles to, or more than MAX_PATTERN_STEPS. */
function size(node: Node): number {
  const cap = MAX_PATTERN_STEPS + 1;
  switch (node.t) {
    case 'char':
    case 'assert':
      return 1;
    case 'seq':
      return Math.min(
        cap,
        node.items.reduce((n, x) => n + size(x), 0),
      );
    case 'alt':
      return Math.min(cap, node.branches.reduce((n, x) => n + size(x), 0) + 2 * (node.branches.length - 1));
    case 'repeat': {
      const inner = size(node.node);
      const optional = node.max === Infinity ? inner + 2 : (node.max - node.min) * (inner + 1);
      return Math.min(cap, node.min * inner + optional);
    }
  }
}

/**
 * Without unbounded repeats, a backtracking matcher tries each way through the pattern at most
 * once from each place in the text: at most (ways × the longest way) steps there. Returns that
 * bound (capped past MAX_PATTERN_STEPS), or more for a pattern with `*`, `+` or `{n,}`.
 */
function backtrackSteps(node: Node): number {
  const cap = MAX_PATTERN_STEPS + 1;
  const walk = (n: Node): { ways: number; longest: number } => {
    switch (n.t) {
      case 'char':
        return { ways: 1, longest: 1 };
      case 'assert':
        return { ways: 1, longest: 0 };
      case 'seq':
        return n.items
          .map(walk)
          .reduce((a, b) => ({ ways: Math.min(cap, a.ways * b.ways), longest: Math.min(cap, a.longest + b.longest) }), { ways: 1, longest: 0 });
      case 'alt': {
        const all = n.branches.map(walk);
        return {
          ways: Math.min(
            cap,
            all.reduce((a, b) => a + b.ways, 0),
          ),
          longest: Math.max(...all.map((b) => b.longest)),
        };
      }
      case 'repeat': {
        if (n.max === Infinity) return { ways: cap, longest: cap };
        const inner = walk(n.node);
        let ways = 0;
        for (let k = n.min; k <= n.max && ways < cap; k++) ways += Math.min(cap, inner.ways ** k);
        return { ways: Math.min(cap, ways), longest: Math.min(cap, inner.longest * n.max) };
      }
    }
  };
  const { ways, longest } = walk(node);
  return Math.min(cap, ways * Math.max(1, longest));
}

interface Program {
  op: Op[];
  x: number[];
  y: number[];
  /** Of a Char step: its test, and the source of the one-character expression behind it. */
  test: ((cp: number) => boolean)[];
  src: string[];
}

function compile(root: Node, flags: string): Program {
  const p: Program = { op: [], x: [], y: [], test: [], src: [] };
  const atomFlags = flags.replace('m', '');
  const tests = new Map<string, (cp: number) => boolean>();
  const unicode = flags.includes('u');
  const none = () => false;
  const emit = (op: Op, x = 0, y = 0, src = ''): number => {
    p.op.push(op);
    p.x.push(x);
    p.y.push(y);
    p.src.push(src);
    p.test.push(src ? charTest(src) : none);
    return p.op.length - 1;
  };
  /** The browser's answer for one character, asked once per character and atom. */
  const charTest = (src: string) => {
    let test = tests.get(src);
    if (!test) {
      const re = new RegExp(`^(?:${src})$`, atomFlags);
      const ascii = new Int8Array(128); // 0 not asked yet, 1 yes, 2 no
      const other = new Map<number, boolean>();
      test = (cp) => {
        if (cp < 128) {
          if (ascii[cp] === 0) ascii[cp] = re.test(String.fromCharCode(cp)) ? 1 : 2;
          return ascii[cp] === 1;
        }
        let v = other.get(cp);
        if (v === undefined) other.set(cp, (v = re.test(unicode ? String.fromCodePoint(cp) : String.fromCharCode(cp))));
        return v;
      };
      tests.set(src, test);
    }
    return test;
  };
  const gen = (node: Node): void => {
    switch (node.t) {
      case 'char':
        emit(Op.Char, 0, 0, node.src);
        return;
      case 'assert':
        emit(Op.Assert, node.kind);
        return;
      case 'seq':
        for (const item of node.items) gen(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.branches.forEach((b, k) => {
          if (k < node.branches.length - 1) {
            const split = emit(Op.Split);
            p.x[split] = split + 1;
            gen(b);
            jumps.push(emit(Op.Jmp));
            p.y[split] = p.op.length;
          } else {
            gen(b);
          }
        });
        for (const j of jumps) p.x[j] = p.op.length;
        return;
      }
      case 'repeat': {
        for (let k = 0; k < node.min; k++) gen(node.node);
        if (node.max === Infinity) {
          const split = emit(Op.Split);
          p.x[split] = split + 1;
          gen(node.node);
          emit(Op.Jmp, split);
          p.y[split] = p.op.length;
        } else {
          const splits: number[] = [];
          for (let k = node.min; k < node.max; k++) {
            const split = emit(Op.Split);
            p.x[split] = split + 1;
            splits.push(split);
            gen(node.node);
          }
          for (const s of splits) p.y[s] = p.op.length;
        }
        return;
      }
    }
  };
  gen(root);
  emit(Op.Match);
  return p;
}

/** Most first characters the skip ahead looks for at once (each is tried at every place it passes). */
const MAX_FIRST_ATOMS = 16;

const isLineEnd = (cp: number) => cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029;

/**
 * The test of a pattern (`/re/flags` without the slashes: its source and flags): whether a text
 * holds a match, as `RegExp.prototype.test` would say, in time linear in the text. Throws a
 * TextPatternError for a pattern it cannot take; the test throws one ('too-slow') once its tests
 * together have done `maxWork`.
 */
export function textPattern(source: string, flags: string, maxWork = MAX_PATTERN_WORK): (text: string) => boolean {
  if (!TEXT_PATTERN_FLAGS.test(flags)) refuse('flags', `flags "${flags}" (only i, m, s and u)`);
  try {
    new RegExp(source, flags); // never run: only its syntax is checked
  } catch (e) {
    refuse('syntax', e instanceof Error ? e.message : String(e));
  }
  const unicode = flags.includes('u');
  const multiline = flags.includes('m');
  const tree = new Parser(source, unicode).parse();
  if (size(tree) > MAX_PATTERN_STEPS) refuse('too-large', `the pattern is too large to match safely (over ${MAX_PATTERN_STEPS} steps)`);
  if (backtrackSteps(tree) <= MAX_BACKTRACK_STEPS) {
    // No unbounded repeat and few ways through: the browser's matcher is as bounded, and faster.
    const re = new RegExp(source, flags);
    return (text) => re.test(text);
  }
  const { op, x, y, test, src } = compile(tree, flags);
  const word = new RegExp('^\\w$', flags.replace(/[ms]/g, ''));
  const isWord = (cp: number) => cp >= 0 && word.test(unicode ? String.fromCodePoint(cp) : String.fromCharCode(cp));
  const holds = (kind: Assert, prev: number, next: number): boolean => {
    switch (kind) {
      case Assert.Start:
        return prev < 0 || (multiline && isLineEnd(prev));
      case Assert.End:
        return next < 0 || (multiline && isLineEnd(next));
      case Assert.Word:
        return isWord(prev) !== isWord(next);
      case Assert.NotWord:
        return isWord(prev) === isWord(next);
    }
  };

  const n = op.length;
  const mark = new Int32Array(n);
  const stack = new Int32Array(2 * n + 2);
  let generation = 0;
  let current = new Int32Array(n);
  let next = new Int32Array(n);
  let work = 0;

  /**
   * Adds to `list` (holding `count` threads) the Char steps reached from `pc` at a position between
   * the characters `prev` and `after` (-1 at either end), following jumps, splits and assertions.
   * Returns the new count, or -1 when the match step is reached.
   */
  const add = (list: Int32Array, count: number, pc: number, prev: number, after: number): number => {
    let top = 0;
    stack[top++] = pc;
    while (top > 0) {
      const k = stack[--top];
      if (mark[k] === generation) continue;
      mark[k] = generation;
      switch (op[k]) {
        case Op.Jmp:
          stack[top++] = x[k];
          break;
        case Op.Split:
          stack[top++] = y[k];
          stack[top++] = x[k];
          break;
        case Op.Assert:
          if (holds(x[k] as Assert, prev, after)) stack[top++] = k + 1;
          break;
        case Op.Match:
          return -1;
        default:
          list[count++] = k;
      }
    }
    return count;
  };

  // What a match can start with, whatever the assertions say: while no thread is alive, the
  // browser finds the next such character (one character, so it cannot backtrack). Not when the
  // pattern can match without reading a character, nor when it is anchored to the start.
  const firsts = new Set<string>();
  let empty = false;
  const seen = new Set<number>();
  const walk = [0];
  while (walk.length) {
    const k = walk.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    if (op[k] === Op.Char) firsts.add(src[k]);
    else if (op[k] === Op.Match) empty = true;
    else if (op[k] === Op.Jmp) walk.push(x[k]);
    else if (op[k] === Op.Split) walk.push(x[k], y[k]);
    else walk.push(k + 1);
  }
  const anchored = op[0] === Op.Assert && x[0] === Assert.Start && !multiline;
  const first = empty || firsts.size > MAX_FIRST_ATOMS ? null : new RegExp([...firsts].map((f) => `(?:${f})`).join('|'), `${flags.replace('m', '')}g`);

  return (text) => {
    const len = text.length;
    const at = unicode ? (i: number) => (i < len ? text.codePointAt(i)! : -1) : (i: number) => (i < len ? text.charCodeAt(i) : -1);
    /** The character before position i (a whole code point under `u`), or -1 at the start. */
    const before = (i: number) => {
      if (i === 0) return -1;
      const unit = text.charCodeAt(i - 1);
      return unicode && unit >= 0xdc00 && unit <= 0xdfff && i >= 2 ? text.codePointAt(i - 2)! : unit;
    };
    let count = 0; // threads at position i, before a new match is started there
    let i = 0;
    generation++;
    for (;;) {
      if (count === 0 && i > 0) {
        if (anchored) return false;
        if (first) {
          // Nothing alive: the next place a match can start is where one of its first characters is.
          first.lastIndex = i;
          if (!first.test(text)) return false;
          let j = first.lastIndex - 1;
          if (unicode && j > i && text.charCodeAt(j - 1) >= 0xd800 && text.charCodeAt(j - 1) <= 0xdbff) j--;
          if (j > i) {
            i = j;
            generation++;
          }
        }
      }
      if (!anchored || i === 0) {
        count = add(current, count, 0, before(i), at(i)); // a match starting here
        if (count < 0) return true;
      }
      if (i >= len) return false;
      work += count + 1;
      if (work > maxWork) refuse('too-slow', `the pattern needed more than ${maxWork.toLocaleString('en')} steps on this page's texts`);
      const cp = at(i);
      const width = cp > 0xffff ? 2 : 1;
      const after = at(i + width);
      generation++;
      let found = 0;
      for (let t = 0; t < count; t++) {
        const k = current[t];
        if (test[k](cp)) {
          found = add(next, found, k + 1, cp, after);
          if (found < 0) return true;
        }
      }
      const swap = current;
      current = next;
      next = swap;
      count = found;
      i += width;
    }
  };
}
