/**
 * The background's side of lib/snapshot.ts: parses a page's markup with linkedom and runs the
 * engine on it, as the CLI and the tests do. The answer names blocks by path; the content script
 * checks each one on the live page before it hides anything.
 */
import { parseHTML } from 'linkedom';
import { analyze } from '../../engine/analyze';
import { now } from '../../engine/page/dom';
import { toRemote, type RemoteAnalysis } from '../content/snapshot';
import type { SiteRules } from '../../engine/types';

export interface AnalyzeRequestData {
  html: string;
  url: string;
  /** A compact snapshot (lib/extension/content/snapshot.ts `CompactSnapshot`). */
  compact?: boolean;
  /** The rules for the page, as the content script has them (bundled and the user's, exceptions applied). */
  sites: SiteRules[];
  keep: string[];
}

/** Analyzes a page from its markup. A throw reaches the content script as no answer: it then analyzes the page itself. */
export function analyzeSnapshot({ html, url, sites, keep, compact }: AnalyzeRequestData): RemoteAnalysis {
  const t0 = now();
  const doc = parseHTML(html).document as unknown as Document;
  const parseMs = now() - t0;
  return toRemote(analyze(doc, { url, sites, keep }), parseMs, compact === true);
}
