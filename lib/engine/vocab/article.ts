/**
 * The article's words (lib/engine/article/): names of the lead, of small print, of boxes beside
 * the article, of a recipe's ingredients.
 */
import type { NameGroup, PatternGroup, WordGroup } from './group';

export const LEAD_CLASS: WordGroup = {
  id: 'lead.class',
  lang: ['en', 'fr', 'de'],
  evidence: 'Class and id words publishers give the lead paragraph (`standfirst`, `lede`, `dek`, French `chapo`/`sapo`, German `vorspann`); test/lead.test.ts',
  words: new Set([
    'lead',
    'lede',
    'standfirst',
    'intro',
    'introduction',
    'subtitle',
    'subheadline',
    'subhead',
    'subheading',
    'deck',
    'dek',
    'summary',
    'teaser',
    'excerpt',
    'abstract',
    'strapline',
    'sapo',
    'chapo',
    'kicker',
    'description',
    'subline',
    'vorspann',
  ]),
};

export const LEAD_PAIRS: PatternGroup = {
  id: 'lead.pairs',
  evidence: 'Pairs of words that name a lead too (`sub title`, `intro text`); test/lead.test.ts',
  re: /\b(?:sub (?:title|headline|head|heading|line)|intro text|lead text|header (?:summary|text))\b/,
};

export const NOT_LEAD_CLASS: WordGroup = {
  id: 'lead.not.class',
  lang: ['en', 'de'],
  evidence: "Words that name something else than a lead: a photo's caption, credit or description, the byline; test/lead.test.ts",
  words: new Set([
    'caption',
    'figcaption',
    'credit',
    'credits',
    'copyright',
    'byline',
    'author',
    'dateline',
    'image',
    'img',
    'photo',
    'picture',
    'foto',
    'bild',
  ]),
};

export const UNCOUNTED_NAME: PatternGroup = {
  id: 'lead.uncounted.name',
  evidence: "Text between the lead and the body that does not count: a photo's caption and credit; test/lead.test.ts",
  re: /caption|credit/i,
};

export const SMALL_PRINT_CLASS: NameGroup = {
  id: 'article.small-print.class',
  evidence:
    "Class and id words of small print (`ad-disclosure`, `editorial-disclaimer-text`): not the article's prose however long; the ad detector reads them for disclosures; test/engine.test.ts, test/detectors/ad.test.ts",
  hint: /disclos|disclaim/i,
  words: new Set(['disclosure', 'disclosures', 'disclaimer', 'disclaimers']),
};

export const INGREDIENTS_CLASS: NameGroup = {
  id: 'recipe.ingredients.class',
  lang: ['en', 'de'],
  evidence: "Class and id words of a recipe's ingredient list (schema.org `recipeIngredient`, German `zutaten`); test/recipe.test.ts",
  hint: /ingredient|zutaten/i,
  words: new Set(['ingredients', 'ingredient', 'zutaten', 'recipeingredient']),
};
