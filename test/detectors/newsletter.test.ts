import { describe, expect, it } from 'vitest';
import { articlePage } from '../helpers/dom';
import { run } from '../helpers/run';

describe('newsletter detector', () => {
  it('hides an in-article sign-up box with an email field', () => {
    const r = run(
      articlePage(`<div class="promo-box"><h3>Get breaking National news</h3>
        <p>For news impacting Canada and around the world, sign up for breaking news alerts delivered directly to you when they happen.</p>
        <form><input type="email" placeholder="Email address"><button>Sign up</button></form></div>`),
    );
    expect(r.hidden('.promo-box')).toBe(true);
    expect(r.kindOf('.promo-box')).toBe('newsletter');
    expect(r.report.blocks[0].rule).toBe('detector:newsletter');
  });

  it('hides a prompt in other words, with a link for a button and no telling class names', () => {
    const r = run(
      articlePage(
        `<div class="x1"><strong>Like this story?</strong> <a href="/newsletters">Subscribe to our weekly newsletter</a> and get it in your inbox.</div>`,
      ),
    );
    expect(r.hidden('.x1')).toBe(true);
  });

  it('hides a sign-up card whose small print is a long paragraph about privacy', () => {
    const r = run(
      articlePage(`<div class="end-card"><h4>News Updates</h4><p>Stay up to date with the stories everybody is talking about.</p>
        <form class="newsletter-signup"><label>Email</label><input type="text" name="mm"><label>I agree to receive newsletters</label><button>Sign Up</button>
        <p>This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply. Your information will be used in line with our Privacy Policy.</p></form></div>`),
    );
    expect(r.hidden('.end-card')).toBe(true);
  });

  it('keeps a box whose long paragraph is about something else', () => {
    const r = run(
      articlePage(`<div class="end-card"><h4>News Updates</h4><form class="newsletter-signup"><input type="email"><button>Sign Up</button></form>
        <p>The council also said the new library will open in spring, with longer hours on weekends and a reading room for students.</p></div>`),
    );
    expect(r.hidden('.end-card')).toBe(false);
  });

  it('keeps an article paragraph that merely mentions a newsletter', () => {
    const trap = `<p class="trap">The mayor said the city newsletter, which residents can sign up for at any library, reaches more than 40,000 households every week and costs little to print.</p>`;
    const r = run(articlePage(trap));
    expect(r.hidden('.trap')).toBe(false);
  });

  it('keeps a short article line about subscriptions that asks nothing of the reader', () => {
    const r = run(articlePage(`<p class="trap">Subscriptions rose by a third.</p>`));
    expect(r.hidden('.trap')).toBe(false);
  });

  it('leaves log-in forms and the masthead Subscribe link alone', () => {
    const r = run(
      articlePage(`<form class="login"><input type="email" name="email"><input type="password"><button>Sign in</button></form>`).replace(
        '<header>',
        '<header><a class="subscribe" href="/subscribe">Subscribe</a>',
      ),
    );
    expect(r.hidden('.login')).toBe(false);
    expect(r.hidden('header .subscribe')).toBe(false);
  });
});
