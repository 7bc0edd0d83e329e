/**
 * Builds extension-page DOM without HTML strings: text always goes in as text nodes, so page text
 * shown in the popup (a block's words) can never become markup.
 */
type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  hidden?: boolean;
  type?: string;
  title?: string;
  /** Any other attribute, e.g. aria-*, data-*. */
  attrs?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.id) node.id = props.id;
  if (props.hidden) node.hidden = true;
  if (props.type) node.setAttribute('type', props.type);
  if (props.title) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const [type, fn] of Object.entries(props.on ?? {})) node.addEventListener(type, fn as EventListener);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

/** An element of this extension page by id (the page's HTML is ours, so it is there). */
export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
