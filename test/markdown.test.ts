import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../lib/ui/reader/markdown';
import { sanitizeHtml } from '../lib/engine/article/sanitize';

const BASE = 'https://news.example.com/world/story.html';

function parse(html: string): Document {
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

/** Markdown of article HTML, sanitized first as the reader does. */
function md(html: string, header = {}): string {
  return toMarkdown(sanitizeHtml(html, { baseUrl: BASE, into: parse(''), parse }), header);
}

describe('toMarkdown', () => {
  it('writes headings, paragraphs, emphasis and links', () => {
    expect(md('<h2>Talks</h2><p>The <em>summit</em> was <strong>long</strong>, see <a href="/more">more</a>.</p><p>Second</p>')).toBe(
      '## Talks\n\nThe _summit_ was **long**, see [more](https://news.example.com/more).\n\nSecond\n',
    );
  });

  it('writes a header with title, byline, date and source', () => {
    expect(md('<p>Body</p>', { title: 'A title', byline: 'Jane Roe', date: 'August 15, 2025', url: 'https://news.example.com/a' })).toBe(
      '# A title\n\n_Jane Roe · August 15, 2025_\n\n<https://news.example.com/a>\n\nBody\n',
    );
  });

  it('writes images with their alt text, and a figure caption once', () => {
    const out = md('<figure><img src="/p.jpg" alt="Leaders shake hands"><figcaption>Leaders shake hands in Alaska. (AP Photo)</figcaption></figure>');
    expect(out).toBe('![Leaders shake hands](https://news.example.com/p.jpg)\n\n_Leaders shake hands in Alaska. (AP Photo)_\n');
    expect(out.split('Leaders shake hands in Alaska').length - 1).toBe(1);
  });

  it('leaves out an alt text that repeats the caption', () => {
    const out = md('<figure><img src="/p.jpg" alt="Putin speaks."><figcaption>Putin speaks.</figcaption></figure>');
    expect(out).toBe('![](https://news.example.com/p.jpg)\n\n_Putin speaks._\n');
  });

  it('writes lists, nested lists and block quotes', () => {
    expect(md('<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul><ol><li>first</li><li>second</li></ol>')).toBe(
      '- one\n- two\n\n  - inner\n\n1. first\n2. second\n',
    );
    expect(md('<blockquote><p>We made progress.</p><p>Not a deal.</p></blockquote>')).toBe('> We made progress.\n>\n> Not a deal.\n');
  });

  it('escapes Markdown in text, and keeps a planted script out', () => {
    const out = md('<p>1. not a list *nor* [a link](x)</p><p># not a heading</p><script>alert(1)</script><img src=x onerror=alert(1) alt="x">');
    expect(out).toBe('1\\. not a list \\*nor\\* \\[a link\\](x)\n\n\\# not a heading\n\n![x](https://news.example.com/world/x)\n');
    expect(out).not.toContain('alert');
  });

  it('keeps "</script>" in text as text', () => {
    const src = parse('');
    const p = src.createElement('p');
    p.textContent = 'He typed </script> here.';
    src.body.appendChild(p);
    expect(toMarkdown(src.body)).toBe('He typed \\</script\\> here.\n');
  });

  it('writes code and tables', () => {
    expect(md('<pre><code>let a = 1;\nlet b = 2;</code></pre><p>Use <code>a</code>.</p>')).toBe('```\nlet a = 1;\nlet b = 2;\n```\n\nUse `a`.\n');
    expect(md('<table><tr><th>Team</th><th>Score</th></tr><tr><td>A</td><td>1</td></tr></table>')).toBe('| Team | Score |\n| --- | --- |\n| A | 1 |\n');
  });
});
