/**
 * The adapter to Mozilla Readability: everything the engine relies on beyond Readability's public
 * `parse()` is here, in one file, for the version pinned in package.json (READABILITY_VERSION).
 * test/readability.test.ts checks that the installed library is that version and still has each
 * internal used below; an upgrade starts there.
 *
 * - `REGEXPS.unlikelyCandidates` / `okMaybeItsACandidate`: the names Readability drops before it
 *   scores, read from the library so the engine's own tests stay in step with it.
 * - `_setNodeTag`: Readability swaps a div holding only text for a new <p> (and a <font> for a
 *   <span>); wrapped so the engine learns which element each replacement stands for.
 * - `_unwrapNoscriptImages`, `_removeScripts`, `_prepDocument`: the preparation Readability gives a
 *   document before it reads it, run on the copy made again for a retry.
 * - the body's `innerHTML`: Readability keeps it for a retry; on the engine's copy it is a note
 *   (see `copyAgainOnRetry`).
 */
import { Readability } from '@mozilla/readability';

/** The Readability release this adapter is written for (package.json pins it exactly). */
export const READABILITY_VERSION = '0.6.0';

export type Parsed = ReturnType<Readability<Element>['parse']>;

/** Readability's own steps that prepare a document before it reads it, and its tag swap. */
export interface ReaderInternals {
  _unwrapNoscriptImages?: (doc: Document) => void;
  _removeScripts?: (doc: Document) => void;
  _prepDocument?: () => void;
  _setNodeTag?: (node: Element, tag: string) => Element;
}

/** The internals (beyond `parse`) this adapter calls or wraps: the version check's list. */
export const USED_INTERNALS = ['_unwrapNoscriptImages', '_removeScripts', '_prepDocument', '_setNodeTag'] as const;

const REGEXPS = (Readability.prototype as unknown as { REGEXPS: { unlikelyCandidates: RegExp; okMaybeItsACandidate: RegExp } }).REGEXPS;
/** Readability's test for names of elements it drops before scoring (sidebars, footers, menus). */
export const UNLIKELY_NAME: RegExp = REGEXPS.unlikelyCandidates;
/** ... unless the name also has one of these words (`content`, `article`, `main` …). */
export const LIKELY_NAME: RegExp = REGEXPS.okMaybeItsACandidate;

/**
 * A reader for a copy that returns the article as an element (no serializing), with the engine's
 * `charThreshold`; `onReplace(made, node)` hears of each element Readability makes in place of one.
 */
export function newReader(clone: Document, charThreshold: number, onReplace?: (made: Element, node: Element) => void): Readability<Element> {
  const r = new Readability<Element>(clone, { serializer: (node) => node as Element, charThreshold });
  const internals = r as unknown as ReaderInternals;
  const setNodeTag = internals._setNodeTag;
  if (onReplace && typeof setNodeTag === 'function') {
    internals._setNodeTag = (node, tag) => {
      const made = setNodeTag.call(r, node, tag);
      if (made !== node) onReplace(made, node);
      return made;
    };
  }
  return r;
}

/** Readability's preparation of a document before it reads it, as its `parse()` starts. */
export function prepareLikeReadability(reader: Readability<Element>, doc: Document): void {
  const prep = reader as unknown as Required<ReaderInternals>;
  prep._unwrapNoscriptImages(doc);
  prep._removeScripts(doc);
  prep._prepDocument();
}

/** What the body's innerHTML reads as, once, on our own copy: the note "copy the page again". */
const COPY_AGAIN = '<!--declutter: copy the page again-->';

/**
 * Readability keeps the page as HTML (`page.innerHTML`) before it reads, and parses it back when an
 * attempt found too little text. Serializing the whole page cost about 4 % of the engine's time on
 * every page, for a retry that few pages need, and parsing it back lost the way to the live page.
 * The engine can make the same copy again instead: on our copy's body the first read of innerHTML
 * gives a note, and writing that note back (the retry) builds a new copy (`copyAgain`, already
 * prepared with `prepareLikeReadability`) and moves its body in; its elements map to the live page
 * by identity like the first copy's. Any other use of innerHTML on the body behaves as usual. Where
 * Readability's preparation steps are not there to call, nothing is changed: a retry then loses
 * identity, and the engine reads the page once more with index attributes.
 */
export function copyAgainOnRetry(reader: Readability<Element>, clone: Document, copyAgain: () => HTMLElement | null): void {
  const steps = reader as unknown as ReaderInternals;
  const body = clone.body;
  if (!body || typeof steps._unwrapNoscriptImages !== 'function' || typeof steps._removeScripts !== 'function' || typeof steps._prepDocument !== 'function')
    return;
  let inner: PropertyDescriptor | undefined;
  for (let o: object | null = Object.getPrototypeOf(body); o && !inner; o = Object.getPrototypeOf(o)) {
    inner = Object.getOwnPropertyDescriptor(o, 'innerHTML');
  }
  if (!inner?.get || !inner.set) return;
  const { get, set } = inner;
  let noted = false;
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    get() {
      if (noted) return get.call(body) as string;
      noted = true;
      return COPY_AGAIN;
    },
    set(value: string) {
      if (value !== COPY_AGAIN) return set.call(body, value);
      const again = copyAgain();
      while (body.firstChild) body.removeChild(body.firstChild);
      if (again) while (again.firstChild) body.appendChild(again.firstChild);
    },
  });
}
