/** A recipe page's ingredient list joins the article when Readability keeps only the method. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/index';
import { docFrom } from './helpers/dom';

const STEP = (n: number) =>
  `<p>Step ${n}: stir the butter, the sugar and the eggs in a large bowl until smooth, then fold in the flour and bake for a while longer.</p>`;
const INGREDIENTS = ['250 g flour', '125 g butter', '100 g sugar', '2 eggs', '1 pinch of salt', '4 mandarins'];

function recipePage(declare: string): string {
  return `<!doctype html><html><head><title>Mandarin cake</title>${declare}</head><body>
<nav><a href="/">Home</a> <a href="/recipes">Recipes</a></nav>
<div class="recipe-head"><h1>Mandarin cake</h1></div>
<div class="layout"><div class="recipe-ingredients box"><h2>Ingredients</h2><table>${INGREDIENTS.map((i) => `<tr><td>${i}</td></tr>`).join('')}</table></div>
<div class="side-note"><a href="/shop">Shop</a></div></div>
<div class="method"><h2>Method</h2>${[1, 2, 3, 4, 5, 6].map(STEP).join('')}</div>
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
});
