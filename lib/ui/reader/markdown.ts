/**
 * Sanitized article markup (lib/sanitize.ts) as Markdown, for "Copy as Markdown": headings,
 * paragraphs, emphasis, links, images with their alt text, lists (nested), block quotes, code,
 * simple tables, and each figure's caption once, under its image. Pure DOM code.
 */

export interface MarkdownHeader {
  title?: string;
  byline?: string | null;
  /** Shown as it is given (already formatted for the reader). */
  date?: string | null;
  url?: string;
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
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
  'pre',
  'hr',
  'table',
  'dl',
  'dt',
  'dd',
  'picture',
]);

/** Characters that would start Markdown syntax inside text. */
function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** Escapes what would make a line start a heading, list, quote or rule. */
function escapeLineStart(line: string): string {
  return line
    .replace(/^(\s*)([#>+-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/, '$1$2\\$3')
    .replace(/^(\s*)(=+|-{2,})\s*$/, '$1\\$2');
}

function escapeUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ');
const tagOf = (n: Node) => (n.nodeType === 1 ? (n as Element).localName.toLowerCase() : '');

/** Inline content of an element as one Markdown line (white space collapsed). */
function inline(node: Node, ctx: { caption?: string }): string {
  let out = '';
  for (const child of Array.from(node.childNodes)) out += inlineNode(child, ctx);
  return out;
}

function wrap(mark: string, inner: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  return m[2] ? `${m[1]}${mark}${m[2]}${mark}${m[3]}` : inner;
}

function image(el: Element, ctx: { caption?: string }): string {
  const src = el.getAttribute('src') ?? (el.getAttribute('srcset') ?? '').split(/\s+/)[0];
  if (!src) return '';
  let alt = squash(el.getAttribute('alt') ?? '').trim();
  // The caption follows the image: an alt text that repeats it is left out, so it appears once.
  if (ctx.caption && alt && squash(ctx.caption).trim() === alt) alt = '';
  return `![${escapeText(alt)}](${escapeUrl(src)})`;
}

function inlineNode(node: Node, ctx: { caption?: string }): string {
  if (node.nodeType === 3) return escapeText(squash(node.nodeValue ?? ''));
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  switch (tagOf(el)) {
    case 'br':
      return '\\\n';
    case 'em':
    case 'i':
    case 'cite':
      return wrap('_', inline(el, ctx));
    case 'strong':
    case 'b':
      return wrap('**', inline(el, ctx));
    case 's':
      return wrap('~~', inline(el, ctx));
    case 'code': {
      const text = (el.textContent ?? '').replace(/\n/g, ' ');
      const fence = text.includes('`') ? '``' : '`';
      return text ? `${fence}${fence === '``' ? ' ' : ''}${text}${fence === '``' ? ' ' : ''}${fence}` : '';
    }
    case 'q':
      return `“${inline(el, ctx)}”`;
    case 'a': {
      const text = inline(el, ctx).trim();
      const href = el.getAttribute('href');
      if (!href) return text;
      if (!text) return '';
      return `[${text}](${escapeUrl(href)})`;
    }
    case 'img':
      return image(el, ctx);
    case 'picture': {
      const img = el.querySelector('img');
      return img ? image(img, ctx) : '';
    }
    case 'figcaption':
      return '';
    default:
      return inline(el, ctx);
  }
}

/** Does an element hold block content (then it is written as blocks, not as one line)? */
function hasBlocks(el: Element): boolean {
  for (const c of Array.from(el.children)) if (BLOCK_TAGS.has(tagOf(c))) return true;
  return false;
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line ? rest : rest.trimEnd()) + line)
    .join('\n');
}

/** Block content of an element as Markdown blocks (each a string without blank lines around it). */
function blocks(el: Element, ctx: { caption?: string } = {}): string[] {
  const out: string[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/[ \t]+\n/g, '\n').trim();
    if (text) out.push(text.split('\n').map(escapeLineStart).join('\n'));
    line = '';
  };
  for (const child of Array.from(el.childNodes)) {
    const tag = tagOf(child);
    if (child.nodeType !== 1 || !BLOCK_TAGS.has(tag)) {
      line += inlineNode(child, ctx);
      continue;
    }
    flush();
    out.push(...block(child as Element, ctx));
  }
  flush();
  return out;
}

function block(el: Element, ctx: { caption?: string }): string[] {
  const tag = tagOf(el);
  switch (tag) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': {
      const text = inline(el, ctx).trim();
      return text ? [`${'#'.repeat(Number(tag[1]))} ${text}`] : [];
    }
    case 'hr':
      return ['---'];
    case 'pre': {
      const text = (el.textContent ?? '').replace(/\n$/, '');
      const fence = text.includes('```') ? '~~~~' : '```';
      return [`${fence}\n${text}\n${fence}`];
    }
    case 'blockquote': {
      const inner = blocks(el, ctx).join('\n\n');
      return inner ? [prefixLines(inner, '> ', '> ')] : [];
    }
    case 'ul':
    case 'ol': {
      const items = Array.from(el.children).filter((c) => tagOf(c) === 'li');
      const start = Number(el.getAttribute('start')) || 1;
      const lines = items.map((li, i) => {
        const marker = tag === 'ol' ? `${start + i}. ` : '- ';
        const inner = (hasBlocks(li) ? blocks(li, ctx).join('\n\n') : inline(li, ctx).trim()) || '';
        return prefixLines(inner, marker, ' '.repeat(marker.length));
      });
      return lines.length ? [lines.join('\n')] : [];
    }
    case 'figure': {
      const captionEl = el.querySelector('figcaption');
      const caption = captionEl ? inline(captionEl, {}).trim() : '';
      const inner = blocks(el, { caption: captionEl?.textContent ?? '' });
      if (caption) inner.push(`_${caption.replace(/_/g, '\\_')}_`);
      return inner;
    }
    case 'figcaption':
      return []; // written once, by its figure
    case 'table':
      return table(el, ctx);
    case 'dl': {
      const out: string[] = [];
      for (const c of Array.from(el.children)) {
        const text = inline(c, ctx).trim();
        if (!text) continue;
        out.push(tagOf(c) === 'dt' ? `**${text}**` : prefixLines(text, ': ', '  '));
      }
      return out;
    }
    default:
      // p, div, section, article, picture, a stray li / dt / dd: their content, as blocks
      return blocks(el, ctx);
  }
}

function table(el: Element, ctx: { caption?: string }): string[] {
  const rows = Array.from(el.querySelectorAll('tr'));
  if (!rows.length) return [];
  const cells = rows.map((r) => Array.from(r.children).map((c) => inline(c, ctx).trim().replace(/\n/g, ' ')));
  const width = Math.max(...cells.map((r) => r.length));
  if (!width) return [];
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`;
  const out = [line(cells[0]), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...cells.slice(1).map(line)];
  const caption = el.querySelector('caption');
  const result = [out.join('\n')];
  if (caption) result.unshift(`_${inline(caption, ctx).trim()}_`);
  return result;
}

/** The article as Markdown: a header (title, byline, date, source link) and its body. */
export function toMarkdown(root: Node, header: MarkdownHeader = {}): string {
  const parts: string[] = [];
  if (header.title) parts.push(`# ${escapeText(squash(header.title).trim())}`);
  const meta = [header.byline, header.date].filter((x): x is string => !!x && !!x.trim()).map((x) => escapeText(squash(x).trim()));
  if (meta.length) parts.push(`_${meta.join(' · ')}_`);
  if (header.url) parts.push(`<${header.url.replace(/[<>\s]/g, encodeURIComponent)}>`);
  const body = root.nodeType === 1 || root.nodeType === 11 ? blocks(root as Element) : [];
  parts.push(...body);
  return `${parts
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
