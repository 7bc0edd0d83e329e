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
export function analyzeSnapshot(request: AnalyzeRequestData): RemoteAnalysis {
  return analyzeSnapshotPage(request).answer;
}

/** The answer, and the parsed page with the engine's verdict (for learning, lib/extension/background/learner.ts). */
export function analyzeSnapshotPage({ html, url, sites, keep, compact }: AnalyzeRequestData): {
  answer: RemoteAnalysis;
  doc: Document;
  isArticle: boolean;
} {
  const t0 = now();
  const doc = parseHTML(html).document as unknown as Document;
  const parseMs = now() - t0;
  const analysis = analyze(doc, { url, sites, keep });
  return { answer: toRemote(analysis, parseMs, compact === true), doc, isArticle: analysis.report.isArticle };
}
