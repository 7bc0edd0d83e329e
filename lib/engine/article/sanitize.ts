/**
 * Article markup made safe to show in an extension page: an allow-list of tags and attributes,
 * rebuilt node by node in the target document (nothing of the source is adopted), URLs resolved
 * against the page and checked. Pure DOM code: the reader page (DOMParser) and the unit tests
 * (linkedom) use it unchanged.
 *
 *   kept      the tags in ALLOWED_TAGS, with the attributes of ATTRIBUTES (others dropped)
 *   dropped   with everything inside: DROPPED_TAGS (script, style, iframe, svg, form, …)
 *   unwrapped any other tag (font, main, custom elements, …): its children are kept in its place
 *   links     http(s) and mailto only, resolved, rel="noopener noreferrer"; others lose the href
 *   images    http(s) and raster data:image only, resolved (src and every srcset candidate); an
 *             image with no usable source is dropped
 *
 * Text is copied as text nodes, so "</script>" in a paragraph stays words on the page.
 */

/** Tags kept as they are (their allowed attributes only). */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'figure',
  'figcaption',
  'img',
  'picture',
  'source',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'small',
  'br',
  'hr',
  'pre',
  'code',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'span',
  'div',
  'section',
  'article',
  'time',
  'abbr',
  'cite',
  'q',
  'mark',
  'dl',
  'dt',
  'dd',
]);

/** Tags dropped with everything inside them: code, styles, embedded documents, forms, media. */
export const DROPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'link',
  'meta',
  'base',
  'title',
  'head',
  'template',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'output',
  'label',
  'fieldset',
  'legend',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'track',
  'map',
  'area',
  'dialog',
  'portal',
  'slot',
]);

/** Attributes kept on every allowed tag (plain text: no URL, no script). */
const COMMON_ATTRIBUTES = new Set(['title']);
/** Attributes kept on some tags. URL attributes (href, src, srcset) are checked besides. */
const ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  a: new Set(['href']),
  img: new Set(['src', 'srcset', 'sizes', 'alt', 'width', 'height']),
  source: new Set(['src', 'srcset', 'sizes', 'type', 'media', 'width', 'height']),
  time: new Set(['datetime']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan']),
};

/** Longest attribute value kept (a data: image may be long; anything else is short). */
const MAX_ATTRIBUTE = 2000;
const MAX_DATA_URL = 200_000;
/** Raster images that may come as data: URLs (not SVG: a document, not a picture). */
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]+$/i;

export interface SanitizeOptions {
  /** The page URL (or its base URL): relative links and images resolve against it. */
  baseUrl: string;
  /** The document to build the result in (default: the source's own document). */
  into?: Document;
}

/** A link target that may be followed: http(s) or mailto, resolved against the page; else null. */
export function safeHref(value: string, baseUrl: string): string | null {
  const url = resolve(value, baseUrl);
  if (!url) return null;
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

/** An image source that may be loaded: http(s), or a raster data:image; else null. */
export function safeImageUrl(value: string, baseUrl: string): string | null {
  const v = value.trim();
  if (/^data:/i.test(v)) return v.length <= MAX_DATA_URL && DATA_IMAGE.test(v) ? v.replace(/\s+/g, '') : null;
  const url = resolve(v, baseUrl);
  if (!url) return null;
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

function resolve(value: string, baseUrl: string): URL | null {
  const v = value.trim();
  if (!v || v.length > MAX_ATTRIBUTE) return null;
  try {
    return new URL(v, baseUrl || undefined);
  } catch {
    return null;
  }
}

/**
 * A srcset with every candidate's URL resolved and checked; candidates with an unsafe URL are left
 * out; null when none is left. Parsed as the HTML standard does: a URL ends at white space (commas
 * inside it are part of it), a trailing comma ends a candidate, descriptors run to the next comma.
 */
export function safeSrcset(value: string, baseUrl: string): string | null {
  const out: string[] = [];
  let i = 0;
  const n = value.length;
  const space = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < n) {
    while (i < n && (space(value[i]) || value[i] === ',')) i++;
    if (i >= n) break;
    let start = i;
    while (i < n && !space(value[i])) i++;
    let url = value.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      start = i;
      let inParens = false;
      while (i < n) {
        const c = value[i];
        if (c === '(') inParens = true;
        else if (c === ')') inParens = false;
        else if (c === ',' && !inParens) break;
        i++;
      }
      descriptor = value.slice(start, i).trim();
      i++; // past the comma
    }
    const safe = safeImageUrl(url, baseUrl);
    if (!safe) continue;
    // Descriptors are a width ("640w") or a density ("2x"); anything else is dropped.
    const d = /^\d+(?:\.\d+)?[wx]$/.test(descriptor) ? ` ${descriptor}` : '';
    out.push(`${safe}${d}`);
  }
  return out.length ? out.join(', ') : null;
}

const isSpan = (v: string) => /^\d{1,4}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 1000;
const isDimension = (v: string) => /^\d{1,5}$/.test(v.trim());

/** The value an attribute keeps on a tag, or null to drop it. */
function attributeValue(tag: string, name: string, value: string, baseUrl: string): string | null {
  if (!(COMMON_ATTRIBUTES.has(name) || ATTRIBUTES[tag]?.has(name))) return null;
  switch (name) {
    case 'href':
      return safeHref(value, baseUrl);
    case 'src':
      return safeImageUrl(value, baseUrl);
    case 'srcset':
      return value.length <= MAX_DATA_URL ? safeSrcset(value, baseUrl) : null;
    case 'colspan':
    case 'rowspan':
      return isSpan(value) ? value.trim() : null;
    case 'width':
    case 'height':
      return isDimension(value) ? value.trim() : null;
    default:
      return value.length <= MAX_ATTRIBUTE ? value : null;
  }
}

/** Deeper than this, elements are unwrapped (their text is kept): no stack or layout blow-up. */
const MAX_SANITIZE_DEPTH = 64;

/**
 * The sanitized copy of `root`'s children, as a fragment of `options.into` (or of the source's
 * document). `root` itself is not copied. The source is never changed.
 */
export function sanitize(root: Node, options: SanitizeOptions): DocumentFragment {
  const target = options.into ?? root.ownerDocument ?? (root as Document);
  const out = target.createDocumentFragment();
  const stack: { node: Node; parent: Node; depth: number }[] = [];
  const pushChildren = (node: Node, parent: Node, depth: number) => {
    const kids = node.childNodes;
    for (let k = kids.length - 1; k >= 0; k--) stack.push({ node: kids[k], parent, depth });
  };
  pushChildren(root, out, 0);
  while (stack.length) {
    const { node, parent, depth } = stack.pop()!;
    if (node.nodeType === 3 /* TEXT */ || node.nodeType === 4 /* CDATA */) {
      const text = node.nodeValue ?? '';
      if (text) parent.appendChild(target.createTextNode(text));
      continue;
    }
    if (node.nodeType !== 1 /* ELEMENT */) continue; // comments, processing instructions
    const el = node as Element;
    const tag = el.localName.toLowerCase();
    if (DROPPED_TAGS.has(tag) || (el.namespaceURI && el.namespaceURI !== 'http://www.w3.org/1999/xhtml')) continue;
    if (!ALLOWED_TAGS.has(tag) || depth >= MAX_SANITIZE_DEPTH) {
      pushChildren(el, parent, depth);
      continue;
    }
    if (tag === 'source' && el.parentElement?.localName.toLowerCase() !== 'picture') continue;
    const copy = target.createElement(tag);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attributeValue(tag, name, attr.value, options.baseUrl);
      if (value !== null) copy.setAttribute(name, value);
    }
    if (tag === 'img' && !copy.hasAttribute('src') && !copy.hasAttribute('srcset')) continue;
    if (tag === 'source' && !copy.hasAttribute('srcset') && !copy.hasAttribute('src')) continue;
    if (tag === 'a' && copy.hasAttribute('href')) copy.setAttribute('rel', 'noopener noreferrer');
    if (tag === 'img') copy.setAttribute('loading', 'lazy');
    parent.appendChild(copy);
    if (tag !== 'img' && tag !== 'br' && tag !== 'hr' && tag !== 'source') pushChildren(el, copy, depth + 1);
  }
  return out;
}

/** Parses article HTML inertly and returns it sanitized, built in `into`. */
export function sanitizeHtml(html: string, options: SanitizeOptions & { parse: (html: string) => Document }): DocumentFragment {
  const doc = options.parse(html);
  return sanitize(doc.body ?? doc, options);
}
