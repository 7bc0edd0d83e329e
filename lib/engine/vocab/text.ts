/**
 * The not-text filters' words (lib/engine/text/): names of boxes in the article that are not its text.
 */
import type { NameGroup, PatternGroup, WordGroup } from './group';

export const META_CLASS: NameGroup = {
  id: 'text.meta.class',
  evidence:
    "Class and id words of an article's metadata: who wrote it, when, about the author, how many comments (`byline`, `dateline`, `authorbox`, WordPress `entrymeta`); test/engine.test.ts",
  hint: /author|byline|date|timestamp|publish|meta|comment/i,
  words:
    /^(?:author|authors|byline|bylines|dateline|timestamp|published|publishdate|authorprofile|authorbio|authorinfo|authorbox|postmeta|entrymeta|nocomments|commentcount)$/,
};

export const META_PAIRS: PatternGroup = {
  id: 'text.meta.pairs',
  evidence:
    "Two-word names of the line under a post's title or after it (WordPress themes: `entry-meta`, `post-info`, `article__date`, `comments-link`); test/engine.test.ts",
  re: /\b(?:entry|post|article) (?:meta|info|details|date)\b|\bcomments? (?:link|count|number)s?\b/,
};

export const COMMENT_CLASS: NameGroup = {
  id: 'text.comment.class',
  lang: ['en', 'de', 'es', 'fr'],
  evidence:
    'Class and id words of a comment section and its notices ("Comments are closed"; WordPress `respond`, Akismet). `comment` is generic: 196 trafilatura pages name elements with it (e.g. trafilatura/sports.fr.lorient.html `match-comment`, a live commentary\'s posts; WordPress `comment-respond`); test/engine.test.ts',
  hint: /comment|kommentar|comentario|akismet|respond/i,
  words: /^(?:comments?|kommentare?|comentarios?|commentaires?|akismet|respond)$/,
};

export const TOGGLE_CLASS: NameGroup = {
  id: 'text.control.class',
  evidence:
    'The class word of a control that shows or hides something (`toggle`): its label ("Show more") is not text. A generic word: 271 corpus pages name elements with it (e.g. trafilatura/fitforfun.de.sozialeaengste.html `citation__toggle`); test/engine.test.ts',
  hint: /toggle/i,
  words: new Set(['toggle']),
};

export const TOC_CLASS: NameGroup = {
  id: 'text.contents.class',
  evidence: 'Class and id words of a table of contents (`toc`, `tableOfContents`); test/engine.test.ts',
  hint: /toc|contents/i,
  words: /^(?:toc|tableofcontents)$/,
};

export const RATING_CLASS: NameGroup = {
  id: 'text.rating.class',
  lang: ['en', 'de'],
  evidence:
    'Class and id words of a rating widget ("Rate this article", stars; trafilatura/lostiempos.com-juicio.html: `news-rate`, "Valora esta noticia"); test/engine.test.ts',
  hint: /rat(?:e|ing)|bewert/i,
  words: /^(?:rate|rating|ratings|bewertung|bewertungen)$/,
};

export const FIGURE_TEXT_CLASS: WordGroup = {
  id: 'text.figure.class',
  evidence: "Class and id words of a photo's caption and credit; test/engine.test.ts",
  words: new Set(['caption', 'credit', 'figcaption', 'copyright']),
};
