/** The article's lead: found above the article's container, added first to the article text. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/index';
import { readArticle } from '../lib/engine/article/article';
import { MAX_LEAD_CHARS, MAX_LEAD_GAP_CHARS } from '../lib/engine/article/lead';
import { docFrom, para } from './helpers/dom';

const LEAD = 'The council agreed a budget for next year after a night of argument over roads, rates and the library.';

/**
 * A news page whose header (headline, then `head`) stands apart from the story's body of eight
 * paragraphs and a sidebar: Readability's article is the body.
 */
function page(head: string, description = ''): string {
  const ps = Array.from({ length: 8 }, (_, i) => para(i + 1)).join('\n');
  const meta = description ? `<meta name="description" content="${description}">` : '';
  return `<!doctype html><html><head><title>Council votes on budget</title>${meta}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="article-header"><div class="headline"><h1>Council votes on budget after a long night</h1></div><div class="head-wrap">${head}</div></div>
<div class="columns"><div class="story-body">${ps}</div><aside><h3>Most read</h3><ul><li><a href="/x">One story</a></li><li><a href="/y">Two story</a></li></ul></aside></div>
<footer><p>© News Example</p></footer></body></html>`;
}

const textOf = (html: string) => analyze(docFrom(html)).report.text;

describe('the lead', () => {
  it('comes first in the article text when its markup names it, past a byline and a date', () => {
    const text = textOf(page(`<p class="standfirst">${LEAD}</p><div class="byline">By Ann Smith</div><time>12 May 2025</time>`));
    expect(text.startsWith(LEAD)).toBe(true);
    expect(text).toContain('Paragraph 8 about the council');
    expect(text.split(LEAD)).toHaveLength(2); // once
  });

  it('is found in the article header (<header>), past a list of links of any length', () => {
    const more = `<ul class="more">${Array.from({ length: 12 }, (_, i) => `<li><a href="/s${i}">Another story about the city council and its budget, number ${i}</a></li>`).join('')}</ul>`;
    const html = page(`<p class="standfirst">${LEAD}</p>${more}`)
      .replace('<div class="article-header">', '<header class="article-header">')
      .replace('</div></div>\n<div class="columns">', '</div></header>\n<div class="columns">');
    expect(html).toContain('</header>');
    expect(textOf(html).startsWith(LEAD)).toBe(true);
  });

  it('is found past a photo with a long caption', () => {
    const caption = 'Councillors leave the chamber after the vote. '.repeat(12);
    const html = page(`<p class="standfirst">${LEAD}</p><figure><img src="/a.jpg"><figcaption>${caption}</figcaption></figure>`);
    expect(caption.length).toBeGreaterThan(MAX_LEAD_GAP_CHARS);
    expect(textOf(html).startsWith(LEAD)).toBe(true);
  });

  it('is found by the name of its box, not in a caption box named like a summary', () => {
    const box = `<div class="article-teaser-intro"><img src="/a.jpg" alt=""><div class="field"><p>${LEAD}</p></div></div>`;
    expect(textOf(page(box)).startsWith(LEAD)).toBe(true);
    expect(textOf(page(`<div class="image-caption text-summary"><span>${LEAD}</span></div>`))).not.toContain(LEAD);
  });

  it('is found in a header inside the article container that Readability dropped', () => {
    const ps = Array.from({ length: 8 }, (_, i) => para(i + 1)).join('');
    const html = `<!doctype html><html><head><title>Council votes</title></head><body><nav><a href="/">Home</a></nav>
      <main><article class="entry"><header class="entry__header"><h1>Council votes on budget</h1><p class="entry__subtitle">${LEAD}</p></header>
      ${ps}</article></main></body></html>`;
    expect(textOf(html).startsWith(LEAD)).toBe(true);
  });

  it('is found by the summary the page declares, with no name', () => {
    const text = textOf(page(`<div class="x9"><p>${LEAD}</p></div>`, `${LEAD.slice(0, 70)}…`));
    expect(text.startsWith(LEAD)).toBe(true);
  });

  it('is not a sentence far above the article, nor one without a name or a matching summary', () => {
    const far = `<p class="intro">${LEAD}</p><div class="box">${'Some other text of the header. '.repeat(Math.ceil(MAX_LEAD_GAP_CHARS / 25))}</div>`;
    expect(textOf(page(far))).not.toContain(LEAD);
    expect(textOf(page(`<p class="x9">${LEAD}</p>`))).not.toContain(LEAD);
    expect(textOf(page(`<p class="x9">${LEAD}</p>`, 'A different summary of the story that the page does not print anywhere.'))).not.toContain(LEAD);
  });

  it("is a sentence or three: a shop's long description of a book above its reviews is not one", () => {
    // Marked up as a bookshop's product page: a bold line, then the blurb's paragraphs in one span split by <br>s.
    const blurb = [
      'Nicholas Crane runs the largest arms maker on earth, and he has hired a man whose whole trade is to manage what people believe about wars, and about the men who sell the weapons for them. Their plan needs a war, and they are ready to make one.',
      'Shaw, a man with no first name and a past he keeps to himself, works for an agency no government admits to. Sent across Europe to keep the peace, he finds that every trail he follows leads back to Crane and to the people Crane pays.',
      'Kate James once won every prize a reporter can win. Now she writes obituaries for a paper that has forgotten her, and the story of her life is waiting in a small town in Ireland where a bomb has just gone off in the square.',
      'What they find will change all three of them, and the world they thought they knew, in a story of lies told so well and so often that they become the truth.',
    ];
    const reviews = Array.from(
      { length: 7 },
      (_, i) =>
        `<p>"A thriller that never lets go, number ${i + 1}: the plot moves at a blistering pace, the characters are drawn with care, and the ending is a real surprise." ― Review ${i + 1}</p>`,
    ).join('');
    const html = `<!doctype html><html><head><title>The Whole Story: A Novel eBook : Bookshop Example</title></head><body>
<header id="navbar"><a href="/">Shop</a> <a href="/basket">Basket</a></header>
<div id="centerCol"><h1 id="title"><span id="productTitle">The Whole Story: A Novel</span></h1>
<div id="bylineInfo"><a href="/author/d-black">D. Black</a> (Author)</div>
<div id="buybox"><span class="a-price">£4.99</span> <button>Buy now with 1-Click</button> <a href="/kindle">Deliver to your Kindle</a></div>
<div id="bookDescription_feature_div" class="a-expander-container"><div id="productDescription" class="product-description"><span class="a-text-bold">A defence contractor, a reluctant agent and a journalist race to stop a crisis that could set the world on fire.</span><span><br><br>${blurb.join('<br><br>')}</span></div><a class="a-expander-header" href="#">Read more</a></div></div>
<div id="editorialReviews_feature_div"><h2>Editorial reviews</h2><div class="a-section">${reviews}</div></div>
<footer><p>© Bookshop Example</p></footer></body></html>`;
    expect(blurb.join(' ').length).toBeGreaterThan(MAX_LEAD_CHARS);
    const text = textOf(html);
    expect(text.startsWith('"A thriller that never lets go, number 1')).toBe(true);
    expect(text).not.toContain(blurb[0]);
  });

  it('is not a photo caption, a link line or a headline', () => {
    expect(textOf(page(`<figure><img src="/a.jpg"><figcaption class="summary">${LEAD}</figcaption></figure>`))).not.toContain(LEAD);
    expect(textOf(page(`<div class="image-summary">${LEAD}</div>`))).not.toContain(LEAD);
    const links = `<p class="teaser"><a href="/a">${LEAD}</a></p>`;
    expect(textOf(page(links))).not.toContain(LEAD);
  });

  it('is not added twice when Readability kept it, and is mapped to the live element', () => {
    const html = page(`<p class="standfirst">${LEAD}</p>`);
    const doc = docFrom(html);
    const article = readArticle(doc);
    const live = doc.querySelector('.standfirst')!;
    expect(article.lead).toBe(live);
    const copy = article.content!.querySelector('.standfirst')!;
    expect(article.liveOf(copy)).toBe(live);

    const inside = html
      .replace('<div class="story-body">', `<div class="story-body"><p class="standfirst">${LEAD} And more.</p>`)
      .replace(`<p class="standfirst">${LEAD}</p>`, '');
    const text = textOf(inside);
    expect(text.split(LEAD)).toHaveLength(2);
  });

  it('leaves the text when a block holding it is hidden', () => {
    const html = page(`<div class="standfirst"><p>${LEAD}</p></div>`);
    const doc = docFrom(html);
    const { report } = analyze(doc, {
      url: 'https://news.example.com/2025/budget',
      extraSites: [{ host: '*', rules: [{ selector: '.standfirst', kind: 'related', reason: 'a test rule' }] }],
    });
    expect(report.blocks.map((b) => b.text)).toContain(LEAD);
    expect(report.text).not.toContain(LEAD);
  });
});
