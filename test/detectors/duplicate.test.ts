import { describe, expect, it } from 'vitest';
import { collapse } from '../../lib/engine/page/dom';
import { blockText } from '../../lib/engine/index';
import { articlePage } from '../helpers/dom';
import { run } from '../helpers/run';

const caption =
  'President Donald Trump greets Russia’s President Vladimir Putin at Joint Base Elmendorf-Richardson, Alaska. (AP Photo/Julia Demaree Nikhinson)';

function count(s: string, t: string) {
  return s.split(t).length - 1;
}

describe('duplicate detector', () => {
  it('hides a caption copied into a gallery, keeps the first, and its initials go with it', () => {
    const r = run(
      articlePage(
        `<figure class="f1"><img src="/a.jpg" alt=""><figcaption><span class="desc">${caption}</span><span class="credit">JDN</span></figcaption></figure>`,
        {
          after: `<div class="gallery"><div class="slide"><img src="/a.jpg" alt=""><p class="g-caption">${caption}</p><p class="g-credit">JDN</p></div></div>`,
        },
      ),
    );
    expect(r.hidden('.f1 figcaption')).toBe(false);
    expect(r.hidden('.g-caption')).toBe(true);
    expect(r.hidden('.g-credit')).toBe(true);
    const visible = collapse(blockText(r.doc.body, { visibleOnly: true }));
    expect(count(visible, caption)).toBe(1);
    expect(r.kindOf('.g-caption')).toBe('duplicate');
  });

  it('hides the headline printed again at the top of the body', () => {
    const r = run(
      articlePage('').replace('<div class="story-body">', '<div class="story-body"><h2 class="again">Council votes on budget after a long night</h2>'),
    );
    expect(r.hidden('h1')).toBe(false);
    expect(r.hidden('.again')).toBe(true);
  });

  it('hides a credit line that repeats the caption’s credit, keeps one that adds to it', () => {
    const fig = (cls: string, cap: string, credit: string) =>
      `<figure class="${cls}"><img src="/b.jpg" alt=""><figcaption>${cap}</figcaption></figure><p class="${cls}-credit">${credit}</p>`;
    const r = run(
      articlePage(
        fig(
          'a',
          'Putin speaks during a press conference in Anchorage, Alaska. (Photo by Andrew Harnik/Getty Images)',
          'Andrew Harnik | Getty Images News | Getty Images',
        ) + fig('b', 'The two leaders shook hands on the tarmac before the talks began.', 'Jane Doe | Reuters'),
      ),
    );
    expect(r.hidden('.a-credit')).toBe(true);
    expect(r.hidden('.b-credit')).toBe(false);
  });

  it('keeps a note under a photo that names its credit and says more than a credit line', () => {
    const r = run(
      articlePage(
        `<figure class="c"><img src="/c.jpg" alt=""><figcaption>The council chamber on Tuesday night. (Photo by Andrew Harnik/Getty Images)</figcaption></figure><div class="c-note">Andrew Harnik | Getty Images took this and the other photos of the night from the public gallery, where the press sat beside residents.</div>`,
      ),
    );
    expect(r.hidden('.c-note')).toBe(false);
  });

  it('keeps a pull quote that differs from the paragraph it quotes', () => {
    const r = run(articlePage(`<blockquote class="pq">The members met on Tuesday evening and argued for hours.</blockquote>`));
    expect(r.hidden('.pq')).toBe(false);
  });
});
