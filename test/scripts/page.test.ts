/** Loading HTML files under Node as a browser would: the bytes' charset, and the tree's shape. */
import { describe, expect, it } from 'vitest';
import { decodeHtml, parseDocument } from '../../scripts/page';

const latin1 = (s: string) => Uint8Array.from(Array.from(s, (c) => c.charCodeAt(0)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeHtml', () => {
  it('reads UTF-8 when nothing is declared', () => {
    expect(decodeHtml(utf8('<p>Grüße</p>'))).toBe('<p>Grüße</p>');
  });

  it('follows a <meta charset> and a <meta http-equiv> declaration', () => {
    expect(decodeHtml(latin1('<meta charset="iso-8859-1"><p>Gr\xfc\xdfe</p>'))).toContain('Grüße');
    const http = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250"><p>bli\xbfej</p>';
    expect(decodeHtml(latin1(http))).toContain('bliżej');
  });

  it('does not take the charset of a script or of the body', () => {
    const page = '<head><script src="a.js" charset="iso-8859-1"></script></head><body><p>Grüße</p><meta charset="iso-8859-1"></body>';
    expect(decodeHtml(utf8(page))).toContain('<p>Grüße</p>');
  });

  it('lets a byte-order mark win over a declaration', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<meta charset="iso-8859-1"><p>Grüße</p>')]);
    expect(decodeHtml(bytes)).toBe('<meta charset="iso-8859-1"><p>Grüße</p>');
  });

  it('reads bytes that are not UTF-8 as windows-1252 when nothing is declared', () => {
    expect(decodeHtml(latin1('<p>Gr\xfc\xdfe \x93quoted\x94</p>'))).toBe('<p>Grüße “quoted”</p>');
  });

  it('falls back to UTF-8 for an unknown or UTF-16 label', () => {
    expect(decodeHtml(utf8('<meta charset="no-such-thing"><p>Grüße</p>'))).toContain('Grüße');
    expect(decodeHtml(utf8('<meta charset="utf-16"><p>Grüße</p>'))).toContain('Grüße');
  });
});

describe('parseDocument', () => {
  it('keeps text printed before <html> at the start of the body', () => {
    const doc = parseDocument('<br><b>Warning</b>: a server notice<!DOCTYPE html><html><head><title>T</title></head><body><p>Article.</p></body></html>');
    expect(doc.documentElement.tagName).toBe('HTML');
    expect(doc.title).toBe('T');
    expect(doc.body.textContent).toBe('Warning: a server noticeArticle.');
  });

  it('builds <html> for a page that starts at <head>', () => {
    const doc = parseDocument('<!DOCTYPE html><head><title>T</title></head><body><p>Article.</p></body>');
    expect(doc.documentElement.tagName).toBe('HTML');
    expect(Array.from(doc.documentElement.children, (el) => el.tagName)).toEqual(['HEAD', 'BODY']);
    expect(doc.body.textContent).toBe('Article.');
    expect(doc.title).toBe('T');
  });

  it('moves an element between </head> and <body> into the head, and merges a second body', () => {
    const doc = parseDocument('<html><head><title>T</title></head><meta name="x"><body><p>One.</p></body><body><p>Two.</p></body></html>');
    expect(doc.head.querySelector('meta[name="x"]')).not.toBeNull();
    expect(doc.body.textContent).toBe('One.Two.');
    expect(doc.querySelectorAll('body')).toHaveLength(1);
  });

  it('leaves a well-formed page alone', () => {
    const html = '<!DOCTYPE html><html><head><title>T</title></head><body><p>Article.</p></body></html>';
    expect(parseDocument(html).documentElement.outerHTML).toBe(html.replace('<!DOCTYPE html>', ''));
  });
});
