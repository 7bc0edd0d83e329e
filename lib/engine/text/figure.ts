/** `figure`: an image's figure and its caption in figure markup. */
import type { NotTextFilter } from './filter';

const FIGURE_TAGS = new Set(['FIGURE', 'FIGCAPTION']);

export const figure: NotTextFilter = {
  id: 'figure',
  description: 'a figure and its caption (a table or a code listing in figure markup is content: only its caption is left out)',
  test(el) {
    return el.tagName === 'FIGURE' ? !el.querySelector('table, pre') : FIGURE_TAGS.has(el.tagName);
  },
};
export default figure;
