/** `pull-quote`: a quote box whose words the article prints again in its own paragraphs. */
import { collapse } from '../page/dom';
import type { NotTextFilter } from './filter';

/** A pull quote repeats a sentence of the article; shorter quotes can repeat by chance. */
export const MIN_PULL_QUOTE_CHARS = 30;
/** The quote's opening this long must be found twice in the article (its own copy and the sentence). */
export const QUOTE_PROBE_CHARS = 60;
/** Quote marks, dashes and spaces around a quote's words. */
const QUOTE_EDGES = /^[\s"'“”‘’«»„‚—–-]+|[\s"'“”‘’«»„‚.…]+$/g;

function occurrences(text: string, probe: string): number {
  if (!probe) return 0; // an empty probe is found everywhere, and at the same place for ever
  let n = 0;
  for (let i = text.indexOf(probe); i >= 0; i = text.indexOf(probe, i + probe.length)) n++;
  return n;
}

/**
 * A pull quote: a quote box whose words the article prints again outside its quotes, in its own
 * paragraphs. It stays on the page and in the reader's markup; the article text has the sentence
 * once.
 */
export const pullQuote: NotTextFilter = {
  id: 'pull-quote',
  description: 'a pull quote: a quote box repeating a sentence the article prints in its own paragraphs',
  test(el, _live, env) {
    if (el.tagName !== 'BLOCKQUOTE') return false;
    const quote = collapse(el.textContent ?? '').replace(QUOTE_EDGES, '');
    if (quote.length < MIN_PULL_QUOTE_CHARS) return false;
    const probe = quote.slice(0, QUOTE_PROBE_CHARS);
    const { whole, quotes } = env.texts();
    return occurrences(whole, probe) > occurrences(quotes, probe);
  },
};
export default pullQuote;
