/**
 * A made-up local news site whose template the detectors cannot see: every article ends its body
 * with the paper's tagline (a plain paragraph: "… independent local journalism since 1921.
 * Support us today.") and carries a membership box with no email field (a heading, one line, a
 * "Join free" link). Both recur on every page; the articles differ. Used by the learning tests
 * (unit and browser).
 */

export const LOCAL_HOST = 'valley-courier.example';
/** The tagline every article body ends with. */
export const TAGLINE = 'The Valley Courier has published independent local journalism since 1921. Support us today.';
/** The membership box's heading. */
export const MEMBERSHIP_HEADING = 'Become a Courier member';
/** What a test finds template blocks by: an attribute learning never reads (selectors never use data-test-*). */
export const TEST_ATTR = 'data-test-template';

const STORIES = [
  {
    slug: 'bridge-vote',
    title: 'Council delays the vote on the river bridge',
    author: 'Maria Lund',
    paragraphs: [
      'The town council postponed its vote on the new river bridge after residents packed the hall on Tuesday evening to ask for a second look at the traffic study.',
      'Engineers told councillors that the current crossing needs major repairs within three years, whichever design is chosen, and that costs have risen sharply since the spring.',
      'The mayor said the council would hold two more public meetings before the summer break and publish the full engineering report online next week.',
    ],
  },
  {
    slug: 'library-hours',
    title: 'Library extends its evening hours for students',
    author: 'Tom Okafor',
    paragraphs: [
      'The central library will stay open until ten on weeknights from next month, after a petition from high school students gathered more than eight hundred signatures.',
      'Staff will be paid from a provincial grant for two years; the board hopes local businesses will help fund the longer hours after that.',
      'Students said the quiet study rooms on the second floor are the only place many of them can work in the evening during the exam season.',
    ],
  },
  {
    slug: 'harvest-fair',
    title: 'Harvest fair returns to the old market square',
    author: 'Priya Shah',
    paragraphs: [
      'After four years at the fairgrounds, the harvest fair moves back to the old market square this weekend, with forty farm stalls and a parade on Saturday morning.',
      'Organizers closed three streets around the square and asked visitors to use the free shuttle buses from the train station and the hospital car park.',
      'The fair began in the square in 1952 and moved out when the square was rebuilt; merchants there say the weekend is their busiest of the whole autumn.',
    ],
  },
  {
    slug: 'ferry-schedule',
    title: 'Ferry adds a late crossing on Fridays',
    author: 'Maria Lund',
    paragraphs: [
      'The island ferry will run a late crossing every Friday night from June, the operator said, answering years of complaints from island residents working in town.',
      'The extra sailing leaves the harbour at half past eleven; the operator will review passenger numbers in the autumn before deciding whether to keep it.',
      'Island shop owners welcomed the change and said weekend visitors could now stay for dinner in town without missing the last boat home.',
    ],
  },
];

export interface LocalPage {
  name: string;
  url: string;
  html: string;
  paragraphs: string[];
  author: string;
}

/** The site's pages (4 at most), each a full document. `tail`: markup the page ends with (a test may hold it back). */
export function localSite(count = 4): LocalPage[] {
  return STORIES.slice(0, count).map((s, i) => {
    const url = `https://www.${LOCAL_HOST}/news/${s.slug}/`;
    const body = s.paragraphs.map((p) => `<p>${p}</p>`);
    // The membership box sits between the second and third paragraphs.
    body.splice(
      2,
      0,
      `<div class="inline-member" ${TEST_ATTR}="membership"><h3>${MEMBERSHIP_HEADING}</h3><p>Members get every story first and keep the newsroom going.</p><a class="inline-member__cta" href="/membership/">Join free</a></div>`,
    );
    body.push(`<p ${TEST_ATTR}="tagline"><em>${TAGLINE}</em></p>`);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${s.title} | The Valley Courier</title>
<link rel="canonical" href="${url}"></head><body>
<header class="masthead"><a href="/" class="logo">The Valley Courier</a><nav><a href="/news/">News</a> <a href="/sport/">Sport</a> <a href="/membership/">Membership</a></nav></header>
<main><article class="story">
<h1>${s.title}</h1>
<div class="story-byline">By <a href="/authors/${s.author.toLowerCase().replace(/ /g, '-')}/">${s.author}</a>, ${10 + i} May 2026</div>
<div class="story-body">
${body.join('\n')}
</div>
</article></main>
<footer class="site-footer"><p>© 2026 The Valley Courier. All rights reserved. <a href="/contact/">Contact</a> <a href="/privacy/">Privacy</a></p></footer>
</body></html>`;
    return { name: `${s.slug}.html`, url, html, paragraphs: s.paragraphs, author: s.author };
  });
}
