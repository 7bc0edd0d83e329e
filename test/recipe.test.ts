/** A recipe page's ingredient list joins the article when Readability keeps only the method. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/index';
import { MAX_INGREDIENTS_CHARS } from '../lib/engine/article/recipe';
import { docFrom } from './helpers/dom';

const STEP = (n: number) =>
  `<p>Step ${n}: stir the butter, the sugar and the eggs in a large bowl until smooth, then fold in the flour and bake for a while longer.</p>`;
const INGREDIENTS = ['250 g flour', '125 g butter', '100 g sugar', '2 eggs', '1 pinch of salt', '4 mandarins'];

function recipePage(declare: string, steps = 6): string {
  return `<!doctype html><html><head><title>Mandarin cake</title>${declare}</head><body>
<nav><a href="/">Home</a> <a href="/recipes">Recipes</a></nav>
<div class="recipe-head"><h1>Mandarin cake</h1></div>
<div class="layout"><div class="recipe-ingredients box"><h2>Ingredients</h2><table>${INGREDIENTS.map((i) => `<tr><td>${i}</td></tr>`).join('')}</table></div>
<div class="side-note"><a href="/shop">Shop</a></div></div>
<div class="method"><h2>Method</h2>${Array.from({ length: steps }, (_, i) => STEP(i + 1)).join('')}</div>
<footer><p>© Recipes Example</p></footer></body></html>`;
}

const LD = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Recipe","name":"Mandarin cake"}</script>`;

describe('a recipe page', () => {
  it('has its ingredient list in the article text, before the method, when it declares a Recipe', () => {
    const text = analyze(docFrom(recipePage(LD))).report.text;
    for (const line of INGREDIENTS) expect(text).toContain(line);
    expect(text.indexOf('250 g flour')).toBeLessThan(text.indexOf('Step 1'));
    expect(text).toContain('Step 6');
  });

  it('also by microdata, and not on a page that declares no recipe', () => {
    const micro = recipePage('').replace('<div class="layout">', '<div class="layout" itemscope itemtype="https://schema.org/Recipe">');
    expect(analyze(docFrom(micro)).report.text).toContain('250 g flour');
    expect(analyze(docFrom(recipePage(''))).report.text).not.toContain('250 g flour');
  });

  it('finds the list inside a long post whose <article> a tag names "ingredients" (WordPress: tag-5-ingredients)', () => {
    // WordPress prints each tag of a post as a class of its <article>; the title sits above it here.
    const html = recipePage(LD, 24)
      .replace(
        '<div class="layout">',
        '<article id="post-118" class="post-118 post type-post status-publish hentry category-baking tag-cake tag-5-ingredients"><div class="layout">',
      )
      .replace('\n<footer>', '</article>\n<footer>');
    const doc = docFrom(html);
    expect(doc.querySelector('article')!.textContent!.length).toBeGreaterThan(MAX_INGREDIENTS_CHARS); // the whole post, not its list
    const text = analyze(doc).report.text;
    for (const line of INGREDIENTS) expect(text).toContain(line);
    expect(text).toContain('Step 24');
  });
});
