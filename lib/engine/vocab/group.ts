/**
 * A vocabulary group: one word list or pattern of the engine's heuristics, as data. Each has an id
 * (`ad.class`, `related.label.de`) so a tool can switch it off (scripts/ablate.ts empties it), the
 * languages it is written in when its words are language-specific, and its evidence: the corpus
 * page or the reason it is there.
 *
 * The code that reads a group reads its field (`AD_CLASS.words`) each time, never a copy: emptying
 * the group (`emptyGroup`) switches it off everywhere.
 */
export type Lang = 'en' | 'de' | 'es' | 'fr' | 'it' | 'nl' | 'pl';

export interface GroupInfo {
  readonly id: string;
  /** The languages of its words; absent when they are markup names or language-neutral. */
  readonly lang?: readonly Lang[];
  /** Where it comes from: `trafilatura/<file>.html: …`, a test, or a reason. */
  readonly evidence: string;
}

/** Whole class and id words (`l-article__ad` → `ad`), with a cheap test on the raw name first. */
export interface NameGroup extends GroupInfo {
  /** Matches the raw class/id string whenever one of the words is in it (a cheap first test). */
  hint: RegExp;
  /** The words themselves: a set, or a pattern matched against each whole word. */
  words: ReadonlySet<string> | RegExp;
}

/** A pattern of text, a URL or a name. */
export interface PatternGroup extends GroupInfo {
  re: RegExp;
}

/** A plain list of words. */
export interface WordGroup extends GroupInfo {
  words: ReadonlySet<string>;
}

export type Group = NameGroup | PatternGroup | WordGroup;

/** Matches nothing. */
export const NEVER = /(?!)/;

/** Switches a group off: its words and patterns match nothing. Returns what puts it back. */
export function emptyGroup(g: Group): () => void {
  const saved = { ...g };
  if ('hint' in g) {
    g.hint = NEVER;
    g.words = new Set();
  } else if ('re' in g) g.re = NEVER;
  else g.words = new Set();
  return () => Object.assign(g, saved);
}

/** Is `w` one of the words (a set, or a pattern matched against the whole word)? */
export function hasWord(words: ReadonlySet<string> | RegExp, w: string): boolean {
  return words instanceof RegExp ? words.test(w) : words.has(w);
}
