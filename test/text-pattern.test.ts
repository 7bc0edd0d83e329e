/**
 * `:has-text(/re/)` patterns (lib/engine/find/text-pattern.ts): the same answers as the browser's
 * RegExp, in linear time on the patterns that make it backtrack for ever, and a clear refusal of
 * what cannot be matched so.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MAX_PATTERN_STEPS, TextPatternError, textPattern } from '../lib/engine/find/text-pattern';
import { hasTextTest } from '../lib/engine/find/site-rules';

/** Runs `f` and returns how long it took (ms). */
function timed(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function problemOf(source: string, flags = ''): string | null {
  try {
    textPattern(source, flags);
    return null;
  } catch (e) {
    return e instanceof TextPatternError ? e.problem : `not a TextPatternError: ${String(e)}`;
  }
}

describe('textPattern: what a pattern means', () => {
  const cases: [string, string, string[]][] = [
    ['sponsored', 'i', ['This is SPONSORED content', 'nothing here', '']],
    ['^\\s*(?:sponsored|advertisement)\\s*$', 'i', ['  Advertisement ', 'Sponsored by', '\nsponsored\n']],
    ['^\\s*ad\\s*$', 'im', ['foo\n  Ad \nbar', 'bad', 'ad\r\nx']],
    ['ad$', 'm', ['an ad\u2028next', 'ads']],
    ['\\bad\\b', 'i', ['an ad here', 'bad', 'ad', 'ad-free']],
    ['\\Bad', '', ['bad', 'ad', ' ad']],
    ['colou?r', '', ['color', 'colour', 'colr']],
    ['a{2,3}b', '', ['aab', 'ab', 'aaaab']],
    ['a{2,}b', '', ['aab', 'ab', 'aaaaab']],
    ['(?:ab)+c', '', ['ababc', 'abac', 'c']],
    ['a.c', '', ['abc', 'a\nc']],
    ['a.c', 's', ['a\nc']],
    ['[^]', '', ['', 'x']],
    ['[]', '', ['', 'x']],
    ['[\\]a-c]x', '', [']x', 'bx', 'dx']],
    ['[\\b]', '', ['\b', 'b']],
    ['\\d+\\.\\d', '', ['3.5', '35']],
    ['\\W\\S\\D', '', [' aa', 'a a']],
    ['^.$', 'u', ['😀', 'ab']],
    ['^.$', '', ['😀', 'a']],
    ['^..$', '', ['😀']],
    ['\\u{1F600}', 'u', ['😀', 'x']],
    ['\\uD83D\\uDE00', 'u', ['😀', '\uD83D']],
    ['\\uD83D', '', ['😀', 'x']],
    ['[😀-😂]', 'u', ['😁', 'x']],
    ['\\p{Lu}\\p{Ll}', 'u', ['Éa', 'ea']],
    ['\\p{Lu}', '', ['p{Lu}', 'É']],
    ['ſ', 'iu', ['S', 's', 'x']],
    ['\\w', 'iu', ['ſ', 'K', '-']],
    ['\\bK', 'iu', ['aK', ' K']],
    ['\\x41\\u0042\\cJ', '', ['AB\n', 'AB']],
    ['\\c1', '', ['\\c1', 'c1']],
    ['\\12', '', ['\n', '12']],
    ['(a)\\12', '', ['a\n']],
    ['\\8', '', ['8']],
    ['\\0', '', ['\0', '0']],
    ['a{', '', ['a{', 'a']],
    ['x{1,2', '', ['x{1,2']],
    ['a}]', '', ['a}]']],
    ['\\k', '', ['k']],
    ['(?<year>\\d{4})-\\d\\d', '', ['2024-05', '24-05']],
    ['(?:)*', '', ['']],
    ['(a*)*b', '', ['aab', 'aaa']],
    ['(a|)+$', '', ['aa!', 'aaa']],
    ['$^', 'm', ['a\n\nb', 'ab']],
    ['^$', '', ['', 'x']],
    ['a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r', '', ['xyz', 'xyzr']],
    ['x*?y+?', '', ['xxy', 'xx']],
  ];
  it.each(cases)('/%s/%s answers as RegExp does', (source, flags, texts) => {
    const test = textPattern(source, flags);
    const native = new RegExp(source, flags);
    for (const text of texts) expect(test(text), JSON.stringify(text)).toBe(native.test(text));
  });

  it('answers as RegExp does on random patterns and texts', () => {
    const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\w', '\\s', ' ', '\\b', '^', '$');
    const pattern = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => a + b),
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(?:${a}|${b})`),
        fc.tuple(tie('node'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{2,}', '*?')).map(([a, q]) => `(?:${a})${q}`),
        tie('node').map((a) => `(${a})`),
      ),
    })).node;
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é'), maxLength: 10 });
    fc.assert(
      fc.property(pattern, fc.constantFrom('', 'i', 'm', 's', 'u', 'imsu'), fc.array(text, { maxLength: 5 }), (source, flags, texts) => {
        let test: (t: string) => boolean;
        try {
          test = textPattern(source, flags);
        } catch (e) {
          return e instanceof TextPatternError && e.problem === 'too-large';
        }
        const native = new RegExp(source, flags);
        return texts.every((t) => test(t) === native.test(t));
      }),
      { numRuns: 400 },
    );
  });
});

describe('textPattern: in linear time', () => {
  it('answers at once on patterns the browser backtracks on for ever', () => {
    // The browser takes longer than anyone waits on each of these (about 2^40, 20,000² and 20,000³ steps).
    const aaa = 'a'.repeat(40) + '!';
    expect(timed(() => expect(textPattern('^(a+)+$', '')(aaa)).toBe(false))).toBeLessThan(1000);
    expect(timed(() => expect(textPattern('^(a+)+!$', '')(aaa)).toBe(true))).toBeLessThan(1000);
    expect(timed(() => expect(textPattern('(a|aa)+$', '')(aaa)).toBe(false))).toBeLessThan(1000);
    expect(timed(() => expect(textPattern('a+$', '')('a'.repeat(20_000) + '!')).toBe(false))).toBeLessThan(2000);
    expect(timed(() => expect(textPattern('\\s*\\s*x', '')(' '.repeat(20_000))).toBe(false))).toBeLessThan(2000);
  });

  it("never hands a pattern with an unbounded repeat to the browser's matcher, only one with few ways through it", () => {
    // What the browser runs, and on what: a pattern that can backtrack must never reach it whole.
    const ran: string[] = [];
    const test = vi.spyOn(RegExp.prototype, 'test').mockImplementation(function (this: RegExp, s: string) {
      ran.push(this.source);
      return RegExp.prototype.exec.call(this, s) !== null;
    });
    try {
      for (const source of ['^(a+)+$', 'a+$', '\\s*\\s*x', '(a|aa)+$']) {
        ran.length = 0;
        textPattern(source, '')('aaaa!');
        expect(ran, source).not.toContain(source);
      }
      ran.length = 0;
      textPattern('Anzeige|Werbung|Sponsored', 'i')('Sponsored');
      expect(ran).toContain('Anzeige|Werbung|Sponsored'); // bounded: the browser's speed
    } finally {
      test.mockRestore();
    }
  });

  it('gives up once a pattern has worked too much, with the reason', () => {
    const test = textPattern('(?:\\w+\\s?){40}x', '', 1_000_000);
    const text = 'word '.repeat(4000);
    expect(() => {
      for (let i = 0; i < 100; i++) test(text);
    }).toThrow(expect.objectContaining({ problem: 'too-slow', message: expect.stringMatching(/needed more than 1,000,000 steps/) }));
  });
});

describe('textPattern: what it refuses', () => {
  it('refuses backreferences, lookarounds and inline flags, which no linear matcher can take', () => {
    expect(problemOf('(a)\\1')).toBe('backreference');
    expect(problemOf('(?<x>a)\\k<x>')).toBe('backreference');
    expect(problemOf('(a)\\1', 'u')).toBe('backreference');
    expect(problemOf('a(?=b)')).toBe('lookaround');
    expect(problemOf('a(?!b)')).toBe('lookaround');
    expect(problemOf('(?<=a)b')).toBe('lookaround');
    expect(problemOf('(?<!a)b')).toBe('lookaround');
    expect(textPattern('(a)\\2', '')('a\x02')).toBe(true); // no second group: an octal escape, as the browser reads it
  });

  it('refuses a pattern whose automaton would be too large, flags it does not take, and bad syntax', () => {
    expect(problemOf('(?:\\w+\\s){300}')).toBe('too-large');
    expect(problemOf(`a{${MAX_PATTERN_STEPS + 1}}`)).toBe('too-large');
    expect(problemOf('a{99999999999999999999}')).toBe('too-large');
    expect(problemOf('ad', 'g')).toBe('flags');
    expect(problemOf('ad', 'y')).toBe('flags');
    expect(problemOf('(')).toBe('syntax');
    expect(problemOf('a**')).toBe('syntax');
  });
});

describe(':has-text() reads the first MAX_TEXT_TESTED (20,000) characters of a block', () => {
  it('finds a word near the start, not past the limit, in plain text and in patterns', () => {
    const early = `Sponsored ${'x'.repeat(20_000)}`;
    const late = `${'x'.repeat(20_000)} Sponsored`;
    for (const arg of ['Sponsored', '/sponsored/i']) {
      expect(hasTextTest(arg)(early)).toBe(true);
      expect(hasTextTest(arg)(late)).toBe(false);
    }
  });
});
