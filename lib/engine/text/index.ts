/** The not-text filters, in the order they are asked (the first that says yes names why). */
import { commentNotice } from './comment-notice';
import { contents } from './contents';
import { controlLabel } from './control-label';
import { figure } from './figure';
import { figureText } from './figure-text';
import type { NotTextFilter } from './filter';
import { meta } from './meta';
import { pullQuote } from './pull-quote';
import { rating } from './rating';

export const notTextFilters: readonly NotTextFilter[] = [figure, pullQuote, figureText, meta, commentNotice, controlLabel, contents, rating];
