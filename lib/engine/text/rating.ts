/** `rating`: a line of a rating widget ("Rate this article"). */
import { smallNamedBox } from './boxes';
import type { NotTextFilter } from './filter';
import { RATING_CLASS } from '../vocab/text';

/** A rating widget ("Rate this article", stars) holds a line of text at most. */
export const MAX_RATING_CHARS = 80;

export const rating: NotTextFilter = {
  id: 'rating',
  description: 'a line of a rating widget, in a small box named so',
  test(_el, live, { ctx }) {
    return !!live && smallNamedBox(ctx, live, MAX_RATING_CHARS, RATING_CLASS.hint, RATING_CLASS.words) !== null;
  },
};
export default rating;
