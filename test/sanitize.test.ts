import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { safeHref, safeImageUrl, safeSrcset, sanitize, sanitizeHtml } from '../lib/engine/article/sanitize';

const BASE = 'https://news.example.com/world/2025/story.html';

function parse(html: string): Document {
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

const VOID = new Set(['img', 'br', 'hr', 'source']);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** HTML of a node's children with attributes in alphabetical order (linkedom keeps no stable order). */
function serialize(node: Node): string {
  let out = '';
  for (const c of Array.from(node.childNodes)) {
    if (c.nodeType === 3) out += escape(c.nodeValue ?? '');
    else if (c.nodeType === 1) {
      const el = c as Element;
      const tag = el.localName;
      const attrs = Array.from(el.attributes)
        .map((a) => ` ${a.name}="${escape(a.value).replace(/"/g, '&quot;')}"`)
        .sort()
        .join('');
      out += VOID.has(tag) ? `<${tag}${attrs}>` : `<${tag}${attrs}>${serialize(el)}</${tag}>`;
    }
  }
  return out;
}

/** Sanitized markup of a body, as HTML (attributes sorted). */
function clean(html: string, base = BASE): string {
  const target = parse('');
  return serialize(sanitizeHtml(html, { baseUrl: base, into: target, parse }));
}

describe('sanitize', () => {
  it('keeps article markup: paragraphs, headings, emphasis, lists, figures, tables', () => {
    const html =
      '<h2>Sub</h2><p>A <em>b</em> <strong>c</strong> <a href="https://x.org/a">link</a>.</p>' +
      '<ul><li>one</li><li>two</li></ul><blockquote><p>Quote</p></blockquote>' +
      '<figure><img src="https://cdn.example.com/a.jpg" alt="A photo" width="640" height="480"><figcaption>Caption</figcaption></figure>' +
      '<table><tbody><tr><td colspan="2">cell</td></tr></tbody></table><p><time datetime="2025-08-15">Aug 15</time></p>';
    expect(clean(html)).toBe(
      '<h2>Sub</h2><p>A <em>b</em> <strong>c</strong> <a href="https://x.org/a" rel="noopener noreferrer">link</a>.</p>' +
        '<ul><li>one</li><li>two</li></ul><blockquote><p>Quote</p></blockquote>' +
        '<figure><img alt="A photo" height="480" loading="lazy" src="https://cdn.example.com/a.jpg" width="640"><figcaption>Caption</figcaption></figure>' +
        '<table><tbody><tr><td colspan="2">cell</td></tr></tbody></table><p><time datetime="2025-08-15">Aug 15</time></p>',
    );
  });

  it('drops scripts, styles, frames, forms and SVG with what they hold', () => {
    const out = clean(
      '<p>Before</p><script>window.pwned = 1</script><style>p{color:red}</style><iframe src="https://evil.example/"></iframe>' +
        '<object data="x.swf"></object><embed src="x.swf"><form><input name="email"><button>Go</button></form>' +
        '<svg><script>alert(1)</script><a href="javascript:alert(1)">x</a></svg><noscript><p>nojs</p></noscript><template><p>t</p></template><p>After</p>',
    );
    expect(out).toBe('<p>Before</p><p>After</p>');
  });

  it('drops event handlers, styles, classes and ids; the image that had onerror stays an image', () => {
    expect(clean('<img src=x onerror=alert(1)>')).toBe(`<img loading="lazy" src="https://news.example.com/world/2025/x">`);
    expect(clean('<p onclick="alert(1)" style="color:red" class="c" id="i" data-x="1" aria-label="l">Text</p>')).toBe('<p>Text</p>');
    expect(clean('<a href="/a" onmouseover="alert(1)" target="_blank">x</a>')).toBe('<a href="https://news.example.com/a" rel="noopener noreferrer">x</a>');
  });

  it('allows only http(s) and mailto links; a javascript: link keeps its words but no href', () => {
    expect(clean('<a href="javascript:alert(1)">click</a>')).toBe('<a>click</a>');
    expect(clean('<a href=" JaVaScRiPt:alert(1)">a</a><a href="java\tscript:alert(1)">b</a>')).toBe('<a>a</a><a>b</a>');
    expect(clean('<a href="data:text/html,<script>alert(1)</script>">d</a>')).toBe('<a>d</a>');
    expect(clean('<a href="vbscript:x">v</a><a href="file:///etc/passwd">f</a>')).toBe('<a>v</a><a>f</a>');
    expect(clean('<a href="mailto:desk@example.com">mail</a>')).toBe('<a href="mailto:desk@example.com" rel="noopener noreferrer">mail</a>');
  });

  it('allows http(s) and raster data: images; an image without a usable source is dropped', () => {
    expect(clean('<img src="javascript:alert(1)"><img src="data:image/svg+xml;base64,PHN2Zz4="><img>')).toBe('');
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(clean(`<img src="${png}" alt="dot">`)).toBe(`<img alt="dot" loading="lazy" src="${png}">`);
  });

  it('keeps "</script>" in text as text', () => {
    const target = parse('');
    const src = parse('');
    const p = src.createElement('p');
    p.textContent = 'He typed </script><script>alert(1)</script> into the form.';
    src.body.appendChild(p);
    const frag = sanitize(src.body, { baseUrl: BASE, into: target });
    const holder = target.createElement('div');
    holder.appendChild(frag);
    expect(holder.querySelectorAll('script').length).toBe(0);
    expect(holder.textContent).toBe('He typed </script><script>alert(1)</script> into the form.');
    expect(serialize(holder)).toBe('<p>He typed &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; into the form.</p>');
  });

  it('resolves relative links and images against the page', () => {
    expect(clean('<a href="../other.html#x">o</a>')).toBe('<a href="https://news.example.com/world/other.html#x" rel="noopener noreferrer">o</a>');
    expect(clean('<img src="//cdn.example.com/p.jpg">')).toBe('<img loading="lazy" src="https://cdn.example.com/p.jpg">');
    expect(clean('<picture><source srcset="/a.webp 1x, b.webp 2x" type="image/webp"><img src="c.jpg" alt=""></picture>')).toBe(
      '<picture><source srcset="https://news.example.com/a.webp 1x, https://news.example.com/world/2025/b.webp 2x" type="image/webp">' +
        '<img alt="" loading="lazy" src="https://news.example.com/world/2025/c.jpg"></picture>',
    );
  });

  it('unwraps unknown tags and keeps their content; a source outside <picture> is dropped', () => {
    expect(clean('<main><font color="red">Red</font><custom-el>Custom</custom-el></main><source src="a.mp4">')).toBe('RedCustom');
  });

  it('never changes the source', () => {
    const src = parse('<p onclick="x()">A <script>1</script></p>');
    const before = src.body.innerHTML;
    sanitize(src.body, { baseUrl: BASE });
    expect(src.body.innerHTML).toBe(before);
  });

  it('survives very deep nesting', () => {
    const deep = '<div>'.repeat(5000) + 'deep' + '</div>'.repeat(5000);
    expect(clean(deep)).toContain('deep');
  });
});

describe('URL checks', () => {
  it('safeHref / safeImageUrl', () => {
    expect(safeHref('/a?b=1', BASE)).toBe('https://news.example.com/a?b=1');
    expect(safeHref('javascript:alert(1)', BASE)).toBeNull();
    expect(safeHref('', BASE)).toBeNull();
    expect(safeImageUrl('http://x.org/a.png', BASE)).toBe('http://x.org/a.png');
    expect(safeImageUrl('blob:https://x.org/1', BASE)).toBeNull();
  });

  it('safeSrcset keeps commas inside URLs and drops unsafe candidates', () => {
    expect(safeSrcset('https://img.example.com/w_300,h_200/a.jpg 300w, https://img.example.com/w_600,h_400/a.jpg 600w', BASE)).toBe(
      'https://img.example.com/w_300,h_200/a.jpg 300w, https://img.example.com/w_600,h_400/a.jpg 600w',
    );
    expect(safeSrcset('javascript:alert(1) 1x, /ok.jpg 2x', BASE)).toBe('https://news.example.com/ok.jpg 2x');
    expect(safeSrcset('javascript:alert(1)', BASE)).toBeNull();
    expect(safeSrcset('a.jpg, b.jpg 2x', BASE)).toBe('https://news.example.com/world/2025/a.jpg, https://news.example.com/world/2025/b.jpg 2x');
  });
});
