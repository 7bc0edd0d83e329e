import { describe, expect, it } from 'vitest';
import { articlePage } from '../helpers/dom';
import { run } from '../helpers/run';

const card = (n: number) => `<div class="card"><a href="/world/story-${n}"><img src="/i/${n}.jpg" alt=""></a>
  <span class="cat"><a href="/world">World</a></span>
  <h3><a href="/world/story-${n}">Headline number ${n} about a summit far away</a></h3>
  <p>An excerpt of story ${n} that runs on for a sentence or so before it stops short of the end […]</p>
  <a class="more" href="/world/story-${n}">Read More</a></div>`;

describe('related detector', () => {
  it('hides a carousel of repeated story cards after the article', () => {
    const r = run(articlePage('', { after: `<section class="carousel">${[1, 2, 3].map(card).join('')}</section>` }));
    expect(r.hidden('.carousel')).toBe(true);
    expect(r.kindOf('.carousel')).toBe('related');
    expect(r.report.blocks.filter((b) => b.kind === 'related')).toHaveLength(1);
  });

  it('hides a "More on" list of headline links inside the article', () => {
    const r = run(
      articlePage(`<div class="box"><h4>More on World</h4><ul>
        <li><a href="/a">Canada and allies condemn settlement expansion amid tensions</a></li>
        <li><a href="/b">Trump says deal imminent to reopen the Strait of Hormuz</a></li>
        <li><a href="/c">Deadliest coal mine explosion in years kills 90 people</a></li></ul></div>`),
    );
    expect(r.hidden('.box')).toBe(true);
  });

  it('hides a one-line READ NEXT teaser inside the body', () => {
    const r = run(articlePage(`<p class="teaser"><strong>READ NEXT: <a href="/x">Cape Town heads into a weekend of shifting skies</a></strong></p>`));
    expect(r.hidden('.teaser')).toBe(true);
    expect(r.kindOf('.teaser')).toBe('related');
  });

  it('hides a one-line READ MORE teaser inside the body', () => {
    const r = run(articlePage(`<p class="teaser">READ MORE: <a href="/x">Putin calls Ukraine war ‘a tragedy’ but demands remain</a></p>`));
    expect(r.hidden('.teaser')).toBe(true);
  });

  it('keeps a real list of links in the article', () => {
    const r = run(
      articlePage(`<p>The report and its appendices are public:</p><ul class="sources">
        <li><a href="https://example.org/report.pdf">Full report (PDF)</a></li>
        <li><a href="https://example.org/data.csv">Data</a></li>
        <li><a href="https://example.org/method">Method</a></li></ul>`),
    );
    expect(r.hidden('.sources')).toBe(false);
  });

  it('keeps a bulleted list and a Key Points box', () => {
    const r = run(
      articlePage(`<div class="keypoints"><h2>Key Points</h2><ul>
        <li>The summit ended without a ceasefire agreement between the two leaders.</li>
        <li>Putin proposed a further meeting to be held in Moscow.</li>
        <li>Ukraine was not part of the talks.</li></ul></div>
        <ul class="bullets"><li>Roads: 2 million</li><li>Library: 1 million</li><li>Parks: half a million</li></ul>`),
    );
    expect(r.hidden('.keypoints')).toBe(false);
    expect(r.hidden('.bullets')).toBe(false);
  });

  it('keeps the site navigation', () => {
    const r = run(articlePage(''));
    expect(r.hidden('header nav')).toBe(false);
  });
});

describe('related detector: a lone label over link lines', () => {
  it('hides "Read more:" and the link lines under it, not the paragraph after them', () => {
    const r = run(
      articlePage(`<p class="lbl"><strong>Read more:</strong></p>
        <blockquote class="emb"><p><a href="/2026/07/second-day-of-protests">Second day of protests in the capital after the minister is dismissed</a></p></blockquote>`),
    );
    expect(r.hidden('.lbl')).toBe(true);
    expect(r.hidden('.emb')).toBe(true);
    expect(r.report.text).toContain('Paragraph 4 about the council');
  });
  it('hides MORE: teaser lines that open with an icon', () => {
    const line = (n: number) =>
      `<p class="more-link t${n}"><span><svg><title>Arrow</title></svg>MORE: <a href="/2024/story-${n}">Another headline about the war and the talks, number ${n}</a></span></p>`;
    const r = run(articlePage(line(1) + line(2)));
    expect(r.hidden('.t1')).toBe(true);
    expect(r.hidden('.t2')).toBe(true);
  });
  it('hides a list of topic tags, told by rel="tag" or tag addresses', () => {
    const tags = `<div class="post-tags"><span>Tags:</span> <a rel="tag" href="/t1">Budget</a>, <a href="/tag/city-hall/">City hall</a>, <a href="/category/politics/">Politics</a></div>`;
    const r = run(articlePage('', { after: tags }));
    expect(r.hidden('.post-tags')).toBe(true);
    expect(r.kindOf('.post-tags')).toBe('related');
  });

  it('keeps a line that links a tag page among other links', () => {
    const line = `<div class="links"><a href="/tag/budget/">Budget</a> and <a href="/2024/other-story">the council's answer</a></div>`;
    const r = run(articlePage('', { after: line }));
    expect(r.hidden('.links')).toBe(false);
  });
  it('hides a single story card under a recirculation label', () => {
    const card = `<div class="more-box"><h3>Zum Weiterlesen</h3><div class="teaser"><a href="/2024/ranking"><h4>Ranking of the biggest polluters</h4></a>
      <p>Producers ignore their responsibility, a brand audit names the biggest polluters every year.</p><a href="/2024/ranking">Read more</a></div></div>`;
    const r = run(articlePage('', { after: card }));
    expect(r.hidden('.more-box')).toBe(true);
  });

  it('hides a list of story links under a German "Artikel zum Thema" label', () => {
    const list = `<div class="box"><ul class="lnk"><span>Artikel zum Thema</span><li><a href="/de/video/protest">Protest vor dem Hauptquartier des Verbands</a></li>
      <li><a href="/de/sport/kombination">Nordische Kombination: das Ergebnis des Tages</a></li></ul></div>`;
    const r = run(articlePage(list));
    expect(r.hidden('.box')).toBe(true);
    expect(r.kindOf('.box')).toBe('related');
  });

  it('hides a list of story links under a Spanish "Noticias relacionadas" or French "À lire aussi" label', () => {
    for (const label of ['Noticias relacionadas', 'À lire aussi :']) {
      const list = `<div class="box"><ul class="lnk"><span>${label}</span><li><a href="/es/video/protesta">Protesta ante la sede de la federación</a></li>
      <li><a href="/es/deportes/combinada">Combinada nórdica: el resultado del día</a></li></ul></div>`;
      const r = run(articlePage(list));
      expect(r.hidden('.box'), label).toBe(true);
      expect(r.kindOf('.box')).toBe('related');
    }
  });

  it('hides a box named for related links as a whole, its own heading included, and keeps a box of one link', () => {
    const item = (n: number) => `<li><a href="/news/story-${n}">Another headline about the factory and its orders, number ${n}</a><span>31.10.2023</span></li>`;
    const box = `<section class="relatedlinks"><h2 class="headline"><span>Discover now</span></h2><ul>${[1, 2, 3].map(item).join('')}</ul></section>`;
    const one = `<div class="related-note"><p>The related report is due next week, the council said, with all figures in it.</p><a href="/x">Council</a></div>`;
    const r = run(articlePage(box + one));
    expect(r.hidden('.relatedlinks')).toBe(true);
    expect(r.kindOf('.relatedlinks')).toBe('related');
    expect(r.hidden('.related-note')).toBe(false);
  });

  it('hides one-line teasers in Spanish and German', () => {
    const r = run(
      articlePage(`<p class="t1">MIRA: <a href="/2024/otra-noticia">Madre se acerca a conocer los motivos de la captura de su hijo</a></p>
      <p class="t2">Auch lesen: <a href="/2024/sternzeichen">Diese drei Sternzeichen verschenken ihr Herz an den Falschen</a></p>`),
    );
    expect(r.hidden('.t1')).toBe(true);
    expect(r.hidden('.t2')).toBe(true);
  });
  it('hides an unlabelled list of links to other stories of the site, and keeps a list of sources', () => {
    const ours = `<ul class="ours"><li><a href="https://news.example.co.uk/2024/how-the-budget-works">How the government raises and spends its money</a></li>
      <li><a href="/2024/key-points">Budget: the key points at a glance for households</a></li></ul>`;
    const sources = `<ul class="sources"><li><a href="https://www.ons.gov.uk/report-2024">The statistics office's report on the budget</a></li>
      <li><a href="https://obr.uk/forecast">The budget office's forecast for the next five years</a></li></ul>`;
    const r = run(articlePage(ours + sources));
    expect(r.hidden('.ours')).toBe(true);
    expect(r.kindOf('.ours')).toBe('related');
    expect(r.hidden('.sources')).toBe(false);
  });

  it('hides a single link to another story where its list is named for them, and keeps a one-item list that is not', () => {
    const similar = `<ul class="similarLinks"><li class="similarListItem"><a href="/news/world/who-is-the-leader-1.72" class="similarLink"><span>Who is the Hamas political leader killed in Iran?</span></a></li></ul>`;
    const plain = `<ul class="links"><li><a href="/2024/key-points">Budget: the key points at a glance for households</a></li></ul>`;
    const r = run(articlePage(similar + plain));
    expect(r.hidden('.similarLinks')).toBe(true);
    expect(r.kindOf('.similarLinks')).toBe('related');
    expect(r.hidden('.links')).toBe(false);
  });
});
