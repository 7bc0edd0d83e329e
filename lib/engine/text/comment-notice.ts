/** `comment-notice`: a comment section's notice ("Comments are closed", "No comments"). */
import { repeatedItem, smallNamedBox } from './boxes';
import type { NotTextFilter } from './filter';
import { COMMENT_CLASS } from '../vocab/text';

/** A comment section's notice is a line; a comment can be as short, but it sits in a block of its own (author, date, text). */
export const MAX_COMMENT_NOTICE_CHARS = 150;

/**
 * A comment section's notice ("Comments are closed", "No comments", "You are not logged in", the
 * spam filter's privacy line): a line in a small box named for comments, neither the box nor its
 * parent one of a run of such boxes (a comment's body inside the comment's box). Reader comments
 * and a live commentary's posts come in runs, or sit with their author and date in a larger box.
 */
export const commentNotice: NotTextFilter = {
  id: 'comment-notice',
  description: "a comment section's notice: a line in a small box named for comments, not one of a run of comments",
  test(_el, live, { ctx }) {
    if (!live) return false;
    const box = smallNamedBox(ctx, live, MAX_COMMENT_NOTICE_CHARS, COMMENT_CLASS.hint, COMMENT_CLASS.words);
    return !!box && !repeatedItem(box) && !(box.parentElement && repeatedItem(box.parentElement));
  },
};
export default commentNotice;
