/**
 * The detectors' words: class and id names, labels and URL patterns (lib/engine/find/detectors/).
 */
import type { NameGroup, PatternGroup } from './group';

// The class words of the ad, newsletter and share slots are in kinds.ts: the one class-word → kind vocabulary.

// ad.ts

export const AD_LABEL_START: PatternGroup = {
  id: 'ad.label.start',
  lang: ['en', 'de', 'es', 'fr', 'it', 'nl', 'pl'],
  evidence: 'First words of the ad labels (ad.label): a cheap test on the raw text before the whole pattern',
  re: /^\s*(?:advert|ad|anzeige|werbung|publici|pubblicit|reklam|sponsor|paid|story|article|continue|scroll|content|this)/i,
};

export const AD_LABEL: PatternGroup = {
  id: 'ad.label',
  lang: ['en', 'de', 'es', 'fr', 'it', 'nl', 'pl'],
  evidence:
    'Labels printed above or in place of an ad ("Advertisement", "Anzeige", "Story continues below advertisement"; Postmedia\'s "Story continues below" and "This advertisement has not loaded yet, but your article continues below." on ca_FinancialPost and ca_TheProvince in the fundus corpus); test/detectors/ad.test.ts, test/families.test.ts',
  re: /^(?:(?:advertisement|advertising|advert|ad|ads|anzeige|werbung|publicidad|publicité|pubblicità|advertentie|reklama)\s*:?|sponsored(?: content| links?)?|paid content|(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?|this advertisement has not loaded yet,? but your article continues below\.?|continue reading (?:below|after) (?:the |this )?(?:advertisement|ad)|scroll to continue(?: with content)?|content continues below)$/i,
};

export const AD_BLOCKER: PatternGroup = {
  id: 'ad.blocker',
  lang: ['en', 'de', 'fr', 'es', 'it', 'pl'],
  evidence: 'Words for an ad blocker in notices asking to turn it off; test/detectors/ad.test.ts',
  re: /\b(?:ad[- ]?blockers?|adblock(?:er)?s?|ad[- ]?blocking|werbeblocker|adblocker|bloqueurs? de publicités?|bloqueador(?:es)? de anuncios|blocco (?:degli )?annunci|blokada reklam)\b/i,
};

export const AD_BLOCKER_STEM: PatternGroup = {
  id: 'ad.blocker.stem',
  evidence: 'Every word of ad.blocker holds one of these: a cheap test on the raw text first',
  re: /blo[ckq]/i,
};

export const AD_DISCLOSURE_SAYS: PatternGroup = {
  id: 'ad.disclosure.says',
  lang: ['en', 'de', 'es', 'fr'],
  evidence:
    'What an advertising or affiliate disclosure says: the site is paid for links, ads or partners ("We may receive compensation …"); test/detectors/ad.test.ts',
  re: /\b(?:compensation|commissions?|affiliate|advertis\w*|sponsor\w*|paid|partners?|provision|werbung|werbelinks?|anzeige|comisi[oó]n|publicidad|r[eé]mun[eé]r\w*|publicit[eé])\b/i,
};

// related.ts

export const RELATED_NAME: PatternGroup = {
  id: 'related.name',
  evidence:
    'Class and id names of lists of other stories (`related-links`, `similarLinks`, `recirc`, `more-stories`, `read-more`); test/detectors/related.test.ts',
  re: /related|similar|recirc|more-?stories|read-?more/i,
};

export const RELATED_TAG_PATH: PatternGroup = {
  id: 'related.tag-path',
  lang: ['en', 'de', 'es', 'fr'],
  evidence: "Addresses of topic pages (`/tag/…`, `/themen/…`, `/etiquetas/…`): a row of them is the article's tag list; test/detectors/related.test.ts",
  re: /\/(?:tags?|category|categories|topics?|themen|thema|schlagw(?:ö|oe)rter|schlagwort|stichw(?:ö|oe)rter|etiquetas?|temas?|tema|sujets?)\/[^/?#]/i,
};

export const RELATED_LABEL_EN: PatternGroup = {
  id: 'related.label.en',
  lang: ['en'],
  evidence: 'English labels of recirculation blocks ("Related stories", "More on …", "Most read"); test/detectors/related.test.ts',
  re: new RegExp(
    '^(?:' +
      [
        'read (?:more|next)|related(?: (?:stories|articles|content|coverage|news|links|posts|reading|videos?))?',
        'more (?:on|from|in|about|stories|news|videos|to read|coverage|headlines)\\b.*',
        'you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| reading)?',
        'trending(?: now| stories| news)?|most (?:read|popular|viewed|shared|watched)|popular(?: now| stories)?|top stories',
        "also read|see also|further reading|editor'?s picks|don'?t miss|what to read next|keep reading|up next|watch next|explore more",
        'latest (?:news|stories|videos|headlines|posts|articles)|recent (?:posts|stories|articles|news)',
      ].join('|') +
      ')\\s*:?$',
    'i',
  ),
};

export const RELATED_LABEL_DE: PatternGroup = {
  id: 'related.label.de',
  lang: ['de'],
  evidence: 'German labels of recirculation blocks ("Mehr zum Thema", "Das könnte Sie auch interessieren", "Weitere Artikel"); test/detectors/related.test.ts',
  re: new RegExp(
    '^(?:' +
      [
        'auch interessant|(?:das |dies(?:es)? )?(?:thema )?könnte (?:sie|dich|euch) (?:auch )?interessieren|lesen sie (?:auch|mehr|weiter|hier)\\b.*|mehr (?:zum thema|zu|aus|von)\\b.*',
        'zum weiterlesen|weiterlesen|passend zum thema|themenverwandte artikel|(?:artikel|beiträge|videos?) zum thema',
        'weitere (?:artikel|beiträge|themen|nachrichten|meldungen|informationen)\\b.*|weiterführende? (?:links?|artikel|informationen)',
        'verwandte (?:artikel|themen|beiträge)|ähnliche (?:artikel|beiträge|themen)|meistgelesen|beliebte (?:artikel|beiträge)|empfehlungen(?: der redaktion)?',
      ].join('|') +
      ')\\s*:?$',
    'i',
  ),
};

export const RELATED_LABEL_OTHER: PatternGroup = {
  id: 'related.label.es-fr-it-pl-nl',
  lang: ['es', 'fr', 'it', 'pl', 'nl'],
  evidence:
    'Spanish, French, Italian, Polish and Dutch labels of recirculation blocks ("Noticias relacionadas", "À lire aussi", "Leggi anche", "Czytaj też", "Lees ook"); test/detectors/related.test.ts',
  re: new RegExp(
    '^(?:' +
      [
        'le puede interesar|te puede interesar|puedes ver|lee también|leer más|más noticias|noticias relacionadas|relacionad[oa]s?',
        'à lire aussi|lire aussi|sur le même sujet|voir aussi|articles similaires|leggi anche|potrebbe interessarti',
        'czytaj (?:też|także)|zobacz (?:też|także)|lees ook|meer nieuws',
      ].join('|') +
      ')\\s*:?$',
    'i',
  ),
};

export const RELATED_LABEL_START: PatternGroup = {
  id: 'related.label.start',
  lang: ['en', 'de', 'es', 'fr', 'it', 'pl', 'nl'],
  evidence: 'First words of the related labels and teasers: a cheap test on the start of the text before the whole patterns',
  re: /^\s*(?:read|related|more|you|recommended|trending|most|popular|top|also|see|further|editor|don|what|keep|up|watch|explore|latest|recent|auch|das|lesen|mehr|weitere|weiterf|verwandte|ähnliche|meistgelesen|beliebte|empfehlungen|le|te|puedes|lee|leer|más|noticias|relacionad|à|lire|sur|voir|articles|leggi|potrebbe|czytaj|zobacz|lees|meer|siehe|listen|click|dies|thema|könnte|zum|passend|themenverwandte|artikel|beiträge|videos?|mira|mire|lea|ver)/i,
};

export const RELATED_TEASER_LEAD: PatternGroup = {
  id: 'related.teaser.lead',
  lang: ['en', 'de', 'es', 'fr', 'it', 'pl'],
  evidence: 'Words that open a one-link teaser line even without a colon ("Read more …", "Lesen Sie …"); test/detectors/related.test.ts',
  re: /^(?:read (?:more|also|next)|also read|see also|related|lesen sie|mehr zum thema|auch interessant|siehe auch|lee también|lire aussi|à lire aussi|leggi anche|czytaj (?:też|także)|zobacz (?:też|także))\b/i,
};

export const RELATED_TEASER: PatternGroup = {
  id: 'related.teaser',
  lang: ['en', 'de', 'es', 'fr', 'it', 'pl', 'nl'],
  evidence:
    'A teaser line: a lead word, a colon or arrow, then a link to another story ("Read more: …", "Lee también: …"); Spanish mira/mire ("look:") on two sites: trafilatura/soy502.com-capturan.html ("MIRA: <a>…"), trafilatura/diaadia.com.pa-ulpiano.html ("Mire: El cantante …"); test/detectors/related.test.ts',
  re: /^(?:read more|read also|read next|also read|related|related story|related article|see also|more|watch|listen|read|lesen sie auch|auch lesen|auch interessant|mehr zum thema|siehe auch|puedes ver|lee también|lea también|ver también|mira|mire|le puede interesar|lire aussi|à lire aussi|leggi anche|czytaj (?:też|także)|zobacz (?:też|także)|lees ook)\s*[:：|»›>–—-]\s*\S/i,
};

// newsletter.ts

export const NEWSLETTER_PROMPT: PatternGroup = {
  id: 'newsletter.prompt',
  lang: ['en', 'de', 'es', 'fr', 'it'],
  evidence:
    'Words of a sign-up prompt, matched on the whole block ("Sign up for our newsletter", "Jetzt anmelden", "Suscríbete"); test/detectors/newsletter.test.ts',
  re: /\b(newsletter abonnieren|jetzt anmelden|suscr[ií]bete|suscribirse|bolet[ií]n|abonnez-vous|inscrivez-vous|iscriviti|sign(?:ing)?[ -]?up|subscribe|subscription|newsletters?|inbox|e-?mail (?:alerts?|updates?|briefing)|(?:news|breaking|daily|weekly|push)\b[^.!?]{0,40}\balerts?|alerts? (?:delivered|sent)|join\b[^.!?]{0,40}\b(?:alerts?|newsletters?|mailing list)|delivered\b[^.!?]{0,20}\bto (?:you|your))\b/i,
};

export const NEWSLETTER_CTA: PatternGroup = {
  id: 'newsletter.cta',
  lang: ['en'],
  evidence: 'Words that alone make a short line a call to action ("Sign up", "Get breaking alerts"); test/detectors/newsletter.test.ts',
  re: /\b(sign[ -]?up|subscribe|newsletters?|in your inbox|(?:breaking|news|email) alerts?)\b/i,
};

export const NEWSLETTER_ACTION: PatternGroup = {
  id: 'newsletter.action',
  lang: ['en'],
  evidence: 'Without a form control, a prompt must ask the reader to do something ("join", "receive", "enter your"); test/detectors/newsletter.test.ts',
  re: /\b(sign[ -]?up|subscribe|join|register|get|receive|delivered|enter your)\b/i,
};

export const NEWSLETTER_FINE_PRINT: PatternGroup = {
  id: 'newsletter.fine-print',
  lang: ['en', 'de', 'es', 'fr'],
  evidence: "A sign-up box's small print: how the address is used, how to unsubscribe; test/detectors/newsletter.test.ts",
  re: /\b(privacy|terms|unsubscribe|recaptcha|consent|datenschutz|einwilligung|abmelden|privacidad|confidentialité)\b/i,
};

export const NEWSLETTER_URL: PatternGroup = {
  id: 'newsletter.url',
  evidence:
    'Addresses of sign-up pages (`/newsletters/…`, `/subscribe`, `/signup`, `/email-alerts`): a box whose button goes there is a sign-up box even with no email field ("Every story that matters in Riverside, before your first coffee." + "Join free"); test/families.test.ts',
  re: /^(?:(?:https?:)?\/\/[^/?#]+)?\/(?:[^?#]*\/)?(?:newsletters?|subscribe|subscriptions?|sign-?up|e-?mail-?alerts|alerts)(?:[/?#.-]|$)/i,
};
export const NEWSLETTER_LOGIN: PatternGroup = {
  id: 'newsletter.login',
  lang: ['en'],
  evidence: 'Log-in forms also have an email field; they are not prompts; test/detectors/newsletter.test.ts',
  re: /\b(log ?in|sign ?in|password)\b/i,
};

// share.ts

export const SHARE_URL: PatternGroup = {
  id: 'share.url',
  evidence:
    'The networks\' share endpoints (facebook.com/sharer, twitter.com/intent, wa.me, mailto:?subject), and Google\'s follow-this-publisher ones (news.google.com/publications: "Follow TechRadar on Google News"; google.com/preferences/source: "Add as preferred on Google" on BBC, TechRadar, Global News 2026 in the fundus corpus); test/detectors/share.test.ts',
  re: /(news\.google\.com\/publications\/|google\.[a-z.]+\/preferences\/source|facebook\.com\/(sharer|share\.php|dialog\/share)|twitter\.com\/(intent|share)|x\.com\/(intent|share)|linkedin\.com\/(share|cws\/share|sharearticle)|pinterest\.[a-z.]+\/pin\/create|reddit\.com\/submit|whatsapp:\/\/send|(api|wa)\.whatsapp\.com\/send|wa\.me\/\?|t\.me\/share|telegram\.me\/share|bsky\.app\/intent|threads\.net\/intent|mailto:\?|mailto:[^?]*\?subject)/i,
};

export const SHARE_SOCIAL_SITE: PatternGroup = {
  id: 'share.social-site',
  evidence: 'Links to a network\'s profile pages ("follow us"): a row of them is site navigation, not a share bar; test/detectors/share.test.ts',
  re: /^(https?:)?\/\/([a-z0-9-]+\.)*(facebook\.com|twitter\.com|x\.com|instagram\.com|youtube\.com|linkedin\.com|tiktok\.com|pinterest\.[a-z.]+|threads\.net|bsky\.app|reddit\.com|t\.me|whatsapp\.com)\//i,
};

// duplicate.ts

export const DUPLICATE_CREDIT: PatternGroup = {
  id: 'duplicate.credit',
  lang: ['en'],
  evidence: 'Agencies and words that make a short line a photo credit ("Jane Doe | Reuters", "Getty Images"); test/detectors/duplicate.test.ts',
  re: /\b(getty|images?|photo|photograph|afp|reuters|ap|associated press|canadian press|bloomberg|epa|shutterstock|alamy|courtesy|credit|file)\b/i,
};

export const DUPLICATE_CAPTION_CLASS: NameGroup = {
  id: 'duplicate.caption.class',
  evidence: 'The class word of a photo caption (`c-caption__desc`): a caption repeated in the article is a duplicate; test/detectors/duplicate.test.ts',
  hint: /caption/i,
  words: new Set(['caption']),
};
