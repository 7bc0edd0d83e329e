/**
 * A page of 10,000 blocks (the same captioned figure, over and over, cleaned with "Clean this page
 * anyway"): the tab's state lists at most MAX_LISTED_BLOCKS of them and counts the rest; the popup
 * shows the first rows of each group with "Show N more", and Show / Keep change their own row.
 * Timings (popup open, a click) are printed for the record, not asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LISTED_BLOCKS } from '../../lib/extension/messages';
import { launch, openPopup, serve, sessionStates, waitForState, type Browser, type Served } from './harness';

const FIGURES = 10_001;
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The harbour, ten thousand times</title></head><body>
<h1>The harbour, ten thousand times</h1>
${Array.from({ length: FIGURES }, (_, i) => `<figure><img alt="Photo ${i}" width="40" height="30"><figcaption>The harbour at dawn, seen from the old lighthouse on the hill</figcaption></figure>`).join('\n')}
</body></html>`;

let b: Browser;
let s: Served;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve([], { 'gallery.example.com/harbour/': PAGE })]);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

describe('a page of 10,000 blocks', () => {
  it('keeps a capped list in the tab state; the popup shows a page of rows per group and changes one row per click', async () => {
    const url = s.url('gallery.example.com', '/harbour/');
    const page = await b.context.newPage();
    await page.goto(url);
    const { tabId } = await waitForState(b, url, (st) => st.status === 'not-article', 20_000);
    let popup = await openPopup(b, tabId);
    const cleaning = Date.now();
    await popup.getByRole('button', { name: 'Clean this page anyway' }).click();
    // The engine on a page this size takes its time (more than REMOTE_TIMEOUT_MS in the background on a busy machine).
    const { state } = await waitForState(b, url, (st) => st.status === 'cleaned', 170_000);
    const cleanMs = Date.now() - cleaning;
    await popup.close();

    // The tab's state: the badge counts every block; the list holds at most MAX_LISTED_BLOCKS.
    expect(state.hidden).toBe(FIGURES - 1);
    const stored = (await sessionStates(b)).get(tabId)!;
    const bytes = JSON.stringify(stored).length;
    expect(stored.blocks.length).toBeLessThanOrEqual(MAX_LISTED_BLOCKS);
    expect(stored.blocks.length + Object.values(stored.more).reduce((a, n) => a + n, 0)).toBe(FIGURES - 1);

    const opened = Date.now();
    popup = await openPopup(b, tabId);
    const openMs = Date.now() - opened;
    const readyIn = await popup.evaluate(() => performance.now());
    const group = popup.locator('section.group').first();
    const rows = () => group.locator('li.block').count();
    const firstRows = await rows();
    expect(firstRows).toBeLessThan(MAX_LISTED_BLOCKS);
    // The group's heading counts every block of its kind; what is not listed is said.
    await expect.poll(() => group.locator('h2 .count').textContent()).toBe(String(FIGURES - 1));
    expect(await group.locator('.not-listed').textContent()).toBe(`…and ${FIGURES - 1 - stored.blocks.length} blocks not listed here.`);
    const moreButton = group.getByRole('button', { name: /^Show \d+ more$/ });
    await expect.poll(() => moreButton.count()).toBe(1);

    /** Clicks a block's button and waits, in the popup, until its row says so: ms from click to laid out. */
    const clickMs = (id: string, label: string, done: string) =>
      popup.evaluate(
        async ([id, label, done]) => {
          const row = () => document.querySelector(`li.block[data-id="${CSS.escape(id)}"]`);
          const button = Array.from(row()!.querySelectorAll('button')).find((x) => x.textContent === label)!;
          const t0 = performance.now();
          button.click();
          while (!row()?.matches(done)) await new Promise((r) => requestAnimationFrame(r));
          void document.body.offsetHeight;
          return performance.now() - t0;
        },
        [id, label, done] as const,
      );
    const [id, secondId] = [stored.blocks[0].id, stored.blocks[1].id];
    const otherRow = await popup.locator(`li.block[data-id="${secondId}"]`).elementHandle();
    const showMs = await clickMs(id, 'Show', '.shown');
    const keepMs = await clickMs(id, 'Keep', '.kept');
    // The row changed in place: the other rows are the same elements, as they were.
    expect(await otherRow!.evaluate((el) => el.isConnected && !el.matches('.shown, .kept'))).toBe(true);
    expect(await popup.locator(`li.block[data-id="${id}"] .tag`).textContent()).toBe('Kept');
    await waitForState(b, url, (st) => st.hidden === FIGURES - 2);

    const more = Number(/\d+/.exec((await moreButton.textContent()) ?? '')![0]);
    const moreMs = await popup.evaluate(() => {
      const t0 = performance.now();
      document.querySelector<HTMLButtonElement>('section.group button.more')!.click();
      void document.body.offsetHeight;
      return performance.now() - t0;
    });
    expect(await rows()).toBe(Math.min(firstRows * 2, firstRows + more));

    console.log(
      `10,000 blocks: cleaned in ${cleanMs} ms; tab state ${(bytes / 1e6).toFixed(2)} MB (${stored.blocks.length} listed); popup open ${openMs} ms (ready at ${Math.round(readyIn)} ms); ` +
        `Show ${Math.round(showMs)} ms, Keep ${Math.round(keepMs)} ms, Show ${more} more ${Math.round(moreMs)} ms`,
    );
    await popup.close();
    await page.close();
  }, 240_000);
});
