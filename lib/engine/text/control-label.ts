/** `control-label`: the label of a control that shows or hides part of the page ("Show image"). */
import type { NotTextFilter } from './filter';
import { TOGGLE_CLASS } from '../vocab/text';

/** A control's label is a word or three ("Show image", "Hide sources"). */
export const MAX_CONTROL_LABEL_CHARS = 30;

/** A few words in an element named a toggle (`image-toggle__open`), not the article's text. */
export const controlLabel: NotTextFilter = {
  id: 'control-label',
  description: 'the label of a show/hide control: a few words in an element named a toggle',
  test(_el, live, { ctx }) {
    return !!live && ctx.len(live) <= MAX_CONTROL_LABEL_CHARS && ctx.namedWord(live, TOGGLE_CLASS.hint, TOGGLE_CLASS.words);
  },
};
export default controlLabel;
