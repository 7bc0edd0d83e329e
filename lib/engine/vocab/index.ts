/**
 * The engine's vocabulary: every word list and name pattern its heuristics read, as data, one
 * group per list (see group.ts). `groups` lists them all, for tools (scripts/ablate.ts switches
 * each off in turn; test/conventions.test.ts checks each has an id and evidence).
 */
import * as article from './article';
import * as detectors from './detectors';
import * as kinds from './kinds';
import type { Group } from './group';
import * as page from './page';
import * as text from './text';

export * from './group';
export { CLASS_KIND, kindOfName, type NamedKind } from './kinds';

const isGroup = (v: unknown): v is Group => typeof v === 'object' && v !== null && 'id' in v && 'evidence' in v;

/** Every group, by file. */
export const groups: readonly Group[] = [kinds, detectors, text, article, page].flatMap((m) => Object.values(m).filter(isGroup));
