/**
 * A page's frame: html (the root), head and body. A rule naming one of them (`:root`, `html`,
 * `head + body`, `body:nth-child(2)`, `.a, :root`) hides the whole page in the early stylesheet
 * until the engine's answer, and hides nothing once the engine has run; it is refused.
 */

const frames = new WeakMap<Document, Element[]>();

/**
 * The frame every HTML page has, made in a document of the same kind as `doc` (a copy of it
 * without its children): html as the document's root, holding head then body. Made once per
 * document; empty for a document that makes no elements.
 */
export function pageFrame(doc: Document): readonly Element[] {
  let frame = frames.get(doc);
  if (!frame) {
    try {
      const page = doc.cloneNode(false) as Document;
      const html = page.createElement('html');
      const head = page.createElement('head');
      const body = page.createElement('body');
      html.append(head, body);
      page.appendChild(html);
      frame = [html, head, body];
    } catch {
      frame = [];
    }
    frames.set(doc, frame);
  }
  return frame;
}

/** Does the selector name one of these elements? A selector the document refuses names none. */
export function namesOneOf(selector: string, elements: readonly Element[]): boolean {
  try {
    return elements.some((el) => el.matches(selector));
  } catch {
    return false;
  }
}
