/**
 * Vitest setup for scripts/ablate.ts: switches off the rule named by $ABLATE before each test file
 * runs (`vocab:<group id>`, `filter:<id>`, `detector:<id>`). Thresholds are rewritten in the source
 * by the script itself.
 */
import { detectors } from '../lib/engine/index';
import type { Detector } from '../lib/engine/find/detector';
import { notTextFilters } from '../lib/engine/text/index';
import type { NotTextFilter } from '../lib/engine/text/filter';
import { emptyGroup, groups } from '../lib/engine/vocab/index';

const [kind, id] = (process.env.ABLATE ?? '').split(/:(.*)/s);
if (kind === 'vocab') {
  const g = groups.find((x) => x.id === id);
  if (!g) throw new Error(`ABLATE: no vocabulary group ${id}`);
  emptyGroup(g);
} else if (kind === 'filter' || kind === 'detector') {
  const list = (kind === 'filter' ? notTextFilters : detectors) as (Detector | NotTextFilter)[];
  const at = list.findIndex((x) => x.id === id);
  if (at < 0) throw new Error(`ABLATE: no ${kind} ${id}`);
  list.splice(at, 1);
} else if (kind) throw new Error(`ABLATE: unknown rule ${process.env.ABLATE}`);
