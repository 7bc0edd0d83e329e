/** Runs the engine on an HTML string and answers questions about the result. */
import { analyze, hideBlocks, type AnalyzeOptions } from '../../lib/engine/index';
import { sites } from '../../lib/rules/index';
import { docFrom, isHidden } from './dom';

export function run(html: string, options: AnalyzeOptions = {}) {
  const doc = docFrom(html);
  const analysis = analyze(doc, { sites, ...options });
  hideBlocks(doc, analysis.elements);
  const { report } = analysis;
  return {
    doc,
    report,
    /** Is the (first) element matching `selector` hidden? */
    hidden(selector: string): boolean {
      const el = doc.querySelector(selector);
      if (!el) throw new Error(`no element matches ${selector}`);
      return isHidden(el);
    },
    /** Kind of the block hiding the element matching `selector`, or null. */
    kindOf(selector: string): string | null {
      const el = doc.querySelector(selector)?.closest('[data-declutter-hidden]');
      return report.blocks.find((b) => b.id === el?.getAttribute('data-declutter-hidden'))?.kind ?? null;
    },
    kinds: report.blocks.map((b) => b.kind),
  };
}
