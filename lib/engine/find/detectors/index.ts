/**
 * The detectors, in the order they run. Order matters only for a block two detectors both find:
 * the earlier one names it. Each detector is one file in this folder, named by its id.
 */
import type { Detector } from '../detector';
import { newsletter } from './newsletter';
import { related } from './related';
import { duplicate } from './duplicate';
import { ad } from './ad';
import { share } from './share';

export const detectors: readonly Detector[] = [newsletter, related, duplicate, ad, share];
