import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { FakeClock } from './helpers/clock';
import { LateBlockWatcher, textBearing } from '../lib/extension/content/watcher';

function setup(options = {}, cost = 0) {
  const { document, MutationObserver } = parseHTML('<html><body><main id="m"><p>Story text that is long enough to count.</p></main></body></html>');
  const clock = new FakeClock();
  let calls = 0;
  const watcher = new LateBlockWatcher(
    document.body,
    textBearing(20, '[data-declutter-hidden]'),
    () => {
      calls++;
      clock.t += cost;
    },
    { batchMs: 250, quietMs: 10_000, budgetMs: 1000, maxBatches: 50, spacing: 10, ...options },
    clock,
    MutationObserver as unknown as typeof globalThis.MutationObserver,
  );
  const add = (html: string, parent = document.getElementById('m')!) => {
    const div = document.createElement('div');
    div.innerHTML = html;
    const el = div.firstElementChild!;
    parent.appendChild(el);
    return el;
  };
  return { document, clock, watcher, add, calls: () => calls };
}

describe('LateBlockWatcher', () => {
  it('handles insertions in one batch after batchMs', async () => {
    const { clock, watcher, add, calls } = setup();
    watcher.start();
    add('<div>Sign up for our newsletter today, it is free</div>');
    add('<aside>More stories you might like to read next</aside>');
    await clock.advance(200);
    expect(calls()).toBe(0);
    await clock.advance(100);
    expect(calls()).toBe(1);
    expect(watcher.batches).toBe(1);
  });

  it('ignores insertions without text, scripts, and changes inside hidden blocks', async () => {
    const { clock, watcher, add, calls } = setup();
    const hidden = add('<div data-declutter-hidden="ad-1"><span>Advertisement</span></div>');
    watcher.start();
    add('<script>var x = "a long script text that is not visible"</script>');
    add('<div>   </div>');
    add('<img src="x.png">');
    add('<div>An ad refresh inside a hidden slot, with enough text</div>', hidden as HTMLElement);
    await clock.advance(1000);
    expect(calls()).toBe(0);
    add('<div><form><input type="email"></form></div>');
    await clock.advance(300);
    expect(calls()).toBe(1);
  });

  it('stops after a quiet period, and starts again on rearm', async () => {
    const { clock, watcher, add, calls } = setup();
    watcher.start();
    await clock.advance(10_001);
    expect(watcher.running).toBe(false);
    expect(watcher.stopReason).toBe('quiet');
    add('<div>Inserted while stopped, with plenty of text</div>');
    await clock.advance(1000);
    expect(calls()).toBe(0);
    watcher.rearm();
    expect(watcher.running).toBe(true);
    add('<div>Inserted after rearm, with plenty of text</div>');
    await clock.advance(300);
    expect(calls()).toBe(1);
    expect(clock.pending).toBe(1); // only the quiet timer
  });

  it('spaces batches by their cost and stops for good when the budget is spent', async () => {
    const { clock, watcher, add, calls } = setup({ budgetMs: 100 }, 40);
    watcher.start();
    add('<div>First late block with plenty of text</div>');
    await clock.advance(250);
    expect(calls()).toBe(1);
    add('<div>Second late block with plenty of text</div>');
    await clock.advance(250);
    expect(calls()).toBe(1); // 40 ms of work → at least 400 ms before the next batch
    await clock.advance(200);
    expect(calls()).toBe(2);
    add('<div>Third late block with plenty of text</div>');
    await clock.advance(1000);
    expect(calls()).toBe(3);
    expect(watcher.stopReason).toBe('budget');
    watcher.rearm();
    expect(watcher.running).toBe(false);
    add('<div>Fourth late block with plenty of text</div>');
    await clock.advance(5000);
    expect(calls()).toBe(3);
  });

  it("counts work charged after a batch against the budget and the pause, as the batch's own", async () => {
    const { clock, watcher, add, calls } = setup({ budgetMs: 500 });
    watcher.start();
    add('<div>First late block with plenty of text</div>');
    await clock.advance(250);
    expect(calls()).toBe(1);
    watcher.charge(30); // its answer, checked and hidden later
    expect(watcher.spent).toBe(30);
    expect(watcher.remaining).toBe(470);
    add('<div>Second late block with plenty of text</div>');
    await clock.advance(299);
    expect(calls()).toBe(1); // 30 ms of work → at least 300 ms before the next batch
    await clock.advance(1);
    expect(calls()).toBe(2);
    watcher.charge(480);
    expect(watcher.running).toBe(false);
    expect(watcher.stopReason).toBe('budget');
  });

  it("runs a requested batch as an insertion's, under the same pause; not once stopped", async () => {
    const { clock, watcher, calls } = setup();
    watcher.request();
    await clock.advance(1000);
    expect(calls()).toBe(0); // not started
    watcher.start();
    watcher.request();
    watcher.request(); // one batch
    await clock.advance(250);
    expect(calls()).toBe(1);
    watcher.charge(50);
    watcher.request();
    await clock.advance(499);
    expect(calls()).toBe(1);
    await clock.advance(1);
    expect(calls()).toBe(2);
    watcher.stop();
    watcher.request();
    await clock.advance(1000);
    expect(calls()).toBe(2);
  });

  it('stop() leaves no timer and no observer', async () => {
    const { clock, watcher, add, calls } = setup();
    watcher.start();
    add('<div>Late block with plenty of text in it</div>');
    watcher.stop();
    await clock.advance(20_000);
    expect(calls()).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
