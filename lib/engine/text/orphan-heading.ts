/**
 * `orphan-heading`: headings with no text of the article under them, followed by another heading or
 * by the end of the article. What they headed (a list of other stories, a form, a gallery) went as
 * chrome; the label ("More on this", "Contact") is left without it and is not the article's text.
 * Read after the other filters, over what they leave.
 */
export const ORPHAN_HEADING = 'orphan-heading';

const HEADING_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6']);

export function orphanHeadings(content: Element, skip: (el: Element) => boolean): Set<Element> {
  const orphans = new Set<Element>();
  let open: Element | null = null; // the last heading, until text follows it
  // Depth first with a stack of its own (a page may nest deeper than the call stack goes): the next
  // child to read at each level.
  const stack: (ChildNode | null)[] = [content.firstChild];
  while (stack.length) {
    const child = stack[stack.length - 1];
    if (!child) {
      stack.pop();
      continue;
    }
    stack[stack.length - 1] = child.nextSibling;
    if (child.nodeType === 3) {
      if (open && (child.nodeValue ?? '').trim()) open = null;
    } else if (child.nodeType === 1) {
      const el = child as Element;
      if (skip(el)) continue;
      if (HEADING_TAGS.has(el.tagName.toUpperCase())) {
        if (open) orphans.add(open);
        open = (el.textContent ?? '').trim() ? el : null;
        continue;
      }
      stack.push(el.firstChild);
    }
  }
  if (open) orphans.add(open);
  return orphans;
}
