/**
 * The one class-word → kind vocabulary: the class and id words that say what kind of block an
 * element is (`c-inlineSignup` → newsletter, `l-article__ad` → ad). The ad, newsletter and share
 * detectors read their kind's words; the rule learner (lib/rules/learn.ts), an imported filter
 * list's rules and user rules without a kind (lib/extension/storage/), and the picker's guess
 * (lib/ui/picker/) all read `kindOfName`. Words are matched whole (see `nameWordsOf`), so `ad`
 * matches `l-article__ad` and not `header`.
 */
import type { Kind } from '../types';
import { nameWordsOf } from '../page/dom';
import { hasWord, type NameGroup, type WordGroup } from './group';

export const AD_CLASS: NameGroup = {
  id: 'ad.class',
  evidence:
    'Class and id words that name an ad slot (`l-article__ad` → `ad`): the usual ad-server and slot names (Google Publisher Tag `gpt`, DoubleClick `dfp`, AdSense `adsbygoogle`, IAB sizes `mpu`, `leaderboard`, `billboard`) and the paid-recommendation widgets (`taboola`, `outbrain`), paid placements (`sponsor`, `sponsored`, `promoted`: Outbrain\'s "Promoted stories"); test/detectors/ad.test.ts, test/user-rules.test.ts',
  hint: /ad|dfp|gpt|doubleclick|mpu|leaderboard|billboard|taboola|outbrain|sponsor|promoted/i,
  words: new Set([
    'ad',
    'ads',
    'advert',
    'adverts',
    'advertisement',
    'advertising',
    'adslot',
    'adunit',
    'adsbygoogle',
    'dfp',
    'gpt',
    'doubleclick',
    'adsense',
    'dmpu',
    'mpu',
    'leaderboard',
    'billboard',
    'taboola',
    'outbrain',
    'sponsor',
    'sponsored',
    'promoted',
  ]),
};

export const NEWSLETTER_CLASS: NameGroup = {
  id: 'newsletter.class',
  evidence:
    'Class and id words of sign-up widgets (`c-inlineSignup`, `newsletter-box`, `optin-form`, `mailing-list`, `breaking-alerts`); test/detectors/newsletter.test.ts, test/user-rules.test.ts',
  hint: /newsletter|sign-?_?up|subscri|opt-?in|mailing|alerts/i,
  words: new Set(['newsletter', 'newsletters', 'signup', 'subscribe', 'subscription', 'optin', 'mailinglist', 'alerts']),
};

export const SHARE_CLASS: NameGroup = {
  id: 'share.class',
  evidence: 'Class and id words of share bars (`sharebar`, `social-share`, WordPress `sharedaddy`, AddToAny, AddThis, ShareThis); test/detectors/share.test.ts',
  hint: /shar|social|addtoany|addthis/i,
  words: new Set(['share', 'shares', 'sharing', 'sharebar', 'sharetools', 'sharedaddy', 'social', 'socials', 'addtoany', 'addthis', 'sharethis']),
};

export const RELATED_CLASS: NameGroup = {
  id: 'related.class',
  evidence:
    'Class and id words of lists of other stories (`related-articles`, `recirc-module`, `mostPopular`, `read-more-carousel`, `more-stories`); test/learn.test.ts, test/user-rules.test.ts, test/cosmetic.test.ts',
  hint: /related|recirc|recommend|trending|popular|more/i,
  words: new Set([
    'related',
    'recirculation',
    'recirc',
    'recommended',
    'recommendations',
    'trending',
    'popular',
    'readmore',
    'morestories',
    'morenews',
    'morearticles',
    'youmaylike',
    'youmayalsolike',
  ]),
};

export const OTHER_PART_CLASS: WordGroup = {
  id: 'kind.other-part.class',
  evidence:
    "Words of other parts of a page: a log-in or account link (`SignInSignUp`), a byline with the author's social links (`Author-authorNameAndSocial`); a name with one of them says no kind; test/learn.test.ts",
  words: new Set(['login', 'logon', 'signin', 'account', 'password', 'register', 'author', 'authors', 'byline', 'reporter', 'contributor']),
};

/** The kinds a class word can say (a duplicate is told by the text, never by a name). */
export type NamedKind = Exclude<Kind, 'duplicate' | 'promo'>;

export const CLASS_KIND: Readonly<Record<NamedKind, NameGroup>> = { newsletter: NEWSLETTER_CLASS, related: RELATED_CLASS, ad: AD_CLASS, share: SHARE_CLASS };

/** Runs of this many adjacent words are read as one too (`read-more` → `readmore`, `sign-up` → `signup`). */
const MAX_JOINED_WORDS = 4;

/**
 * The kind a class/id name or a selector says, and the word that says it; null when it says none,
 * says two kinds, or names another part of the page (a log-in link, the author's byline).
 */
export function kindOfName(raw: string): { kind: NamedKind; word: string } | null {
  const words = nameWordsOf(raw);
  let found: { kind: NamedKind; word: string } | null = null;
  for (let i = 0; i < words.length; i++) {
    let w = '';
    for (let j = i; j < words.length && j < i + MAX_JOINED_WORDS; j++) {
      w += words[j];
      if (OTHER_PART_CLASS.words.has(w)) return null;
      for (const kind of Object.keys(CLASS_KIND) as NamedKind[]) {
        if (!hasWord(CLASS_KIND[kind].words, w)) continue;
        if (found && found.kind !== kind) return null;
        found ??= { kind, word: w };
      }
    }
  }
  return found;
}
