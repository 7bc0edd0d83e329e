/**
 * Words the popup and the options page show: kind names, why a block was removed, the groups of
 * the popup's list. Plain functions, so the wording is tested and shared.
 */
import { KINDS, type Block, type Kind } from './types';

export const KIND_LABELS: Record<Kind, { plural: string; one: string }> = {
  newsletter: { plural: 'Newsletter prompts', one: 'Newsletter prompt' },
  related: { plural: 'Related & “Read more”', one: 'Related links' },
  duplicate: { plural: 'Repeated captions & credits', one: 'Repeated text' },
  ad: { plural: 'Ads', one: 'Ad' },
  share: { plural: 'Share bars', one: 'Share bar' },
};

export interface RuleSource {
  /** "Site rule" or "Detector". */
  source: string;
  /** The site of a site rule, or the detector's id. */
  name: string;
  /** The selector of a site rule. */
  selector: string | null;
}

/** Parses a block's `rule`: `site:<host> <selector>` or `detector:<id>`. */
export function ruleSource(rule: string): RuleSource {
  const site = /^site:(\S+)\s+([\s\S]+)$/.exec(rule);
  if (site) return { source: 'Site rule', name: site[1], selector: site[2] };
  const det = /^detector:(\S+)$/.exec(rule);
  if (det) return { source: 'Detector', name: det[1], selector: null };
  return { source: 'Rule', name: rule, selector: null };
}

/** One line on why a block was removed: "Site rule for globalnews.ca: Global News ad slot". */
export function whyRemoved(block: Pick<Block, 'rule' | 'reason'>): string {
  const src = ruleSource(block.rule);
  const who = src.source === 'Site rule' ? `Site rule for ${src.name}` : src.source === 'Detector' ? `Detector “${src.name}”` : src.name;
  return block.reason ? `${who}: ${block.reason}` : who;
}

export interface BlockGroup {
  kind: Kind;
  label: string;
  blocks: Block[];
  /** Blocks of this kind hidden now (kept ones left out). */
  hidden: number;
}

/** Blocks grouped by kind, in the engine's kind order, page order inside a group. */
export function groupBlocks(blocks: readonly Block[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (const kind of KINDS) {
    const of = blocks.filter((b) => b.kind === kind);
    if (of.length) groups.push({ kind, label: KIND_LABELS[kind].plural, blocks: of, hidden: of.filter((b) => !b.kept).length });
  }
  return groups;
}

/** "1 block" / "3 blocks". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A block's text for a list: white space collapsed; "(no text)" for an empty block. */
export function displayText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t || '(no text)';
}
