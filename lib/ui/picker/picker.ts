/**
 * "Hide blocks like this": the in-page picker. The user points at a block (a hover outline follows
 * the pointer), clicks it, and a small panel proposes a selector for the site (lib/selector.ts), says
 * how many blocks it matches on this page and outlines them, lets the user widen or narrow the pick
 * (the block around it, or back towards what was clicked), choose another selector and the kind, and
 * hide them. Esc or Cancel closes it.
 *
 * Safe for the page:
 *   - everything we show lives in a shadow root on one element we add to <html> (page CSS cannot
 *     reach it; we never touch page nodes); it is removed, with every listener, when the picker ends
 *   - only the user's own input counts (`isTrusted`): a page script cannot pick or press our buttons,
 *     nor close the picker with a made-up `pagehide`
 *   - a click while picking is the pick: swallowed in the capture phase, so the page's links and
 *     handlers never see it; events on our panel are kept from the page too
 *   - no proposal may match, hold or sit inside an article paragraph (`articleGuard`)
 *   - a failure inside a handler ends the picker instead of leaving the page's clicks swallowed
 *
 * The proposal logic (`PickChain`, `articleGuard`, `guessKind`) is plain DOM code, also run under
 * linkedom; the panel is laid out by the browser.
 */
import { HIDDEN_ATTR, KEEP_ATTR, KINDS, MIN_PROSE_CHARS, collapsedLength, indexPage, readArticle, readabilitySkipped, type Kind } from '../../engine/index';
import { t } from '../../extension/i18n';
import { proposeSelectors, type Proposal } from '../../rules/selector';
import { kindOfId } from '../../extension/storage/settings';
import { count, kindLabel } from '../ui-text';
import { DEFAULT_USER_KIND, kindOfName } from '../../extension/storage/user-rules';

/** Elements that are the page's frame, never a block. */
const UNPICKABLE = new Set(['HTML', 'BODY', 'HEAD']);
/** Ancestors a pick may widen to: further up, a "block" is most of the page. */
const MAX_PICK_DEPTH = 12;
/**
 * Inline tags: a click on a word, a link or an icon means the block around it, so a pick starts at
 * the nearest other element (Narrower still goes back down to them).
 */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'BR',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'I',
  'IMG',
  'KBD',
  'LABEL',
  'MARK',
  'PICTURE',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SOURCE',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
  'WBR',
  'BUTTON',
  'INPUT',
  'SVG',
]);
/**
 * A user rule names a kind of box by its class, id or an attribute: a bare tag (`aside`, `figure`)
 * names every such element of every page on the site.
 */
const NAMED_SELECTOR = /[.#[]/;
/** The highest z-index: our outlines and panel stay above the page's own overlays. */
const TOP_LAYER = '2147483647';
/** Page events a click is made of: all swallowed while picking, so no page handler sees the pick. */
const CLICK_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'auxclick', 'dblclick'] as const;
/** The element we add to <html>: a name no page styles or scripts use. */
export const PICKER_TAG = 'declutter-picker';

export type Avoid = (el: Element) => boolean;

/** Elements that hold the page, never a block (the engine refuses them too). */
const FRAME_TAGS = new Set(['HTML', 'BODY', 'MAIN']);

/**
 * What no user rule may hide: an article paragraph, an element holding one, or an element inside
 * one, and the page's frame. Stricter than the engine's refusal (prose only), so whatever the
 * picker proposes the engine hides. Checking one element is O(depth).
 */
export function articleGuard(paragraphs: Iterable<Element>): Avoid {
  const paras = new Set<Element>();
  const holders = new Set<Element>();
  for (const p of paragraphs) {
    paras.add(p);
    // Once an element is in `holders`, so are all of its ancestors.
    for (let a: Element | null = p; a && !holders.has(a); a = a.parentElement) holders.add(a);
  }
  return (el) => {
    if (holders.has(el) || FRAME_TAGS.has(el.tagName.toUpperCase())) return true;
    for (let a = el.parentElement; a; a = a.parentElement) if (paras.has(a)) return true;
    return false;
  };
}

/**
 * The page's article paragraphs, read now as the engine reads them (Readability on a copy). On a
 * page where Readability is skipped or finds no article: every <p> long enough to be prose.
 */
export function articleParagraphs(doc: Document): Element[] {
  try {
    if (doc.body) {
      const index = indexPage(doc.body);
      if (!readabilitySkipped(index)) {
        const article = readArticle(doc, index);
        const found = new Set([...article.paragraphs, ...article.prose]);
        if (found.size > 0) return [...found];
      }
    }
  } catch {
    // read below
  }
  return Array.from(doc.querySelectorAll('p')).filter((p) => collapsedLength(p.textContent ?? '') >= MIN_PROSE_CHARS);
}

/**
 * The clicked element and its ancestors (up to MAX_PICK_DEPTH, below <body>), each with the named
 * selectors that match it and avoid the article. Proposals are worked out when first asked for.
 */
export class PickChain {
  readonly elements: Element[] = [];
  private readonly cache = new Map<number, Proposal[]>();

  constructor(
    clicked: Element,
    private readonly avoid?: Avoid,
  ) {
    for (let e: Element | null = clicked; e && this.elements.length < MAX_PICK_DEPTH; e = e.parentElement) {
      if (UNPICKABLE.has(e.tagName.toUpperCase())) break;
      this.elements.push(e);
    }
  }

  /** The selectors proposed for the element at `i` (clicked = 0), best first. */
  proposals(i: number): Proposal[] {
    const el = this.elements[i];
    if (!el) return [];
    let found = this.cache.get(i);
    if (!found) {
      found = proposeSelectors(el, { avoid: this.avoid }).filter((p) => NAMED_SELECTOR.test(p.selector));
      this.cache.set(i, found);
    }
    return found;
  }

  /** The first index from `from` on, going `step` (+1 up, -1 down), with a proposal; -1 if none. */
  next(from: number, step: 1 | -1): number {
    for (let i = from; i >= 0 && i < this.elements.length; i += step) if (this.proposals(i).length) return i;
    return -1;
  }

  /** Where a pick starts: the nearest element that is not inline and has a proposal, else the nearest with one. */
  start(): number {
    for (let i = 0; i < this.elements.length; i++) {
      if (!INLINE_TAGS.has(this.elements[i].tagName.toUpperCase()) && this.proposals(i).length) return i;
    }
    return this.next(0, 1);
  }
}

/** The block a click on `el` stands for and its proposals, or null when nothing stable and safe names one. */
export function proposeForPick(el: Element, avoid?: Avoid): { el: Element; proposals: Proposal[] } | null {
  const chain = new PickChain(el, avoid);
  const i = chain.start();
  return i < 0 ? null : { el: chain.elements[i], proposals: chain.proposals(i) };
}

/**
 * The kind of a picked block: that of the engine's block it sits in (hidden and shown for a moment,
 * or kept), else told by kind words in its own or its ancestors' names (`kindOfName`), else an ad.
 */
export function guessKind(el: Element): Kind {
  const holder = el.closest(`[${HIDDEN_ATTR}], [${KEEP_ATTR}]`);
  const id = holder?.getAttribute(HIDDEN_ATTR) || holder?.getAttribute(KEEP_ATTR) || '';
  const fromBlock = id ? kindOfId(id) : null;
  if (fromBlock) return fromBlock;
  for (let e: Element | null = el, n = 0; e && n < MAX_PICK_DEPTH && !UNPICKABLE.has(e.tagName.toUpperCase()); e = e.parentElement, n++) {
    const kind = kindOfName(`${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`);
    if (kind) return kind;
  }
  return DEFAULT_USER_KIND;
}

/** What the user chose: saved as a rule for the site. */
export interface PickChoice {
  selector: string;
  kind: Kind;
  /** Blocks it matched on this page when saved. */
  matches: number;
}

export interface PickerOptions {
  /** Saves the choice. The picker closes when it resolves and says so when it rejects. */
  save: (choice: PickChoice) => Promise<void> | void;
  /** What no proposal may match; by default the article's paragraphs (`articleParagraphs`), read at the first pick. */
  avoid?: Avoid;
  /** Which events count: by default the user's own (`isTrusted`); synthetic events of page scripts are let through untouched. */
  trusted?: (e: Event) => boolean;
}

type Action = 'hide' | 'cancel' | 'wider' | 'narrower';

interface Panel {
  panel: HTMLElement;
  hint: HTMLElement;
  choice: HTMLElement;
  selector: HTMLSelectElement;
  matches: HTMLElement;
  wider: HTMLButtonElement;
  narrower: HTMLButtonElement;
  kind: HTMLSelectElement;
  message: HTMLElement;
  hide: HTMLButtonElement;
  hover: HTMLElement;
  outlines: HTMLElement;
}

const STYLES = `
:host{all:initial}
.box{position:fixed;top:0;left:0;box-sizing:border-box;pointer-events:none;border-radius:2px}
.hover{outline:2px solid #1c7ed6;background:rgba(28,126,214,.15)}
.match{outline:2px dashed #d9480f;outline-offset:1px;background:rgba(217,72,15,.10)}
.panel{position:fixed;right:16px;bottom:16px;width:360px;max-width:calc(100vw - 32px);box-sizing:border-box;pointer-events:auto;
  padding:12px 14px;border:1px solid #c9ccd1;border-radius:10px;background:#fff;color:#1d1d1f;box-shadow:0 6px 24px rgba(0,0,0,.25);
  font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left;direction:ltr}
.panel.top{bottom:auto;top:16px}
.title{margin:0 0 6px;font-weight:600;font-size:14px}
p{margin:0 0 8px}
label{display:block;margin:0 0 8px}
select{display:block;width:100%;margin-top:2px;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:inherit;background:inherit}
select.kind{font:inherit}
.matches{font-weight:600}
.row{display:flex;gap:6px;margin:0 0 8px}
.buttons{display:flex;gap:6px;justify-content:flex-end}
button{font:inherit;padding:4px 10px;border:1px solid #c9ccd1;border-radius:6px;background:#f3f4f6;color:inherit;cursor:pointer}
button:disabled{opacity:.5;cursor:default}
button.primary{background:#1c7ed6;border-color:#1c7ed6;color:#fff}
.message{color:#c92a2a}
[hidden]{display:none!important}
@media (prefers-color-scheme:dark){
  .panel{background:#1f2124;color:#e8e8ea;border-color:#45474b}
  button{background:#2c2f33;border-color:#45474b}
  .message{color:#ff8787}
}`;

/** Builds an element of the page's document with text children (never markup). */
function make<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  for (const c of children) node.append(typeof c === 'string' ? doc.createTextNode(c) : c);
  return node;
}

/** Sets inline style properties, each !important, through the CSSOM (a page's CSP allows it). */
function setStyle(el: HTMLElement, props: Record<string, string>): void {
  for (const [k, v] of Object.entries(props)) el.style?.setProperty(k, v, 'important');
}

/** The picker on one document. Start it with `startPicker`. */
export class Picker {
  /** Resolves with the saved choice, or null when cancelled. */
  readonly done: Promise<PickChoice | null>;
  private resolve!: (choice: PickChoice | null) => void;
  private readonly view: (Window & typeof globalThis) | null;
  private readonly trusted: (e: Event) => boolean;
  private avoid: Avoid | undefined;
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private ui: Panel | null = null;
  private phase: 'idle' | 'picking' | 'saving' | 'done' = 'idle';
  private hovered: Element | null = null;
  private chain: PickChain | null = null;
  private at = -1;
  private option = 0;
  private kind: Kind = DEFAULT_USER_KIND;
  private matched: Element[] = [];
  private frame: number | null = null;
  private focusBefore: Element | null = null;

  constructor(
    private readonly doc: Document,
    private readonly options: PickerOptions,
  ) {
    this.view = (doc.defaultView as (Window & typeof globalThis) | null) ?? null;
    this.trusted = options.trusted ?? ((e) => e.isTrusted === true);
    this.avoid = options.avoid;
    this.done = new Promise((resolve) => (this.resolve = resolve));
  }

  get active(): boolean {
    return this.phase === 'picking' || this.phase === 'saving';
  }

  /** The element picked now (after widening or narrowing), if any. */
  get target(): Element | null {
    return this.chain && this.at >= 0 ? this.chain.elements[this.at] : null;
  }

  /** The selectors proposed for the picked element, best first. */
  get proposals(): Proposal[] {
    return this.chain && this.at >= 0 ? this.chain.proposals(this.at) : [];
  }

  /** What Hide would save now, or null before a pick (or when nothing names the pick). */
  get choice(): PickChoice | null {
    const p = this.proposals[this.option];
    return p ? { selector: p.selector, kind: this.kind, matches: this.matched.length || p.matches } : null;
  }

  /** Shows the hint panel and starts following the pointer. */
  start(): void {
    if (this.phase !== 'idle') return;
    const html = this.doc.documentElement;
    if (!html || !this.view) {
      this.end(null);
      return;
    }
    this.phase = 'picking';
    try {
      this.focusBefore = this.doc.activeElement;
      this.build(html);
      for (const type of CLICK_EVENTS) this.view.addEventListener(type, this.onClick, true);
      this.view.addEventListener('mouseover', this.onHover, true);
      this.view.addEventListener('keydown', this.onKey, true);
      this.view.addEventListener('keyup', this.onKeyUp, true);
      this.view.addEventListener('scroll', this.onLayout, { capture: true, passive: true });
      this.view.addEventListener('resize', this.onLayout, { passive: true });
      this.view.addEventListener('pagehide', this.onPageHide);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Picks an element, as a click on it does: the block it stands for, its proposals, its matches outlined. */
  pick(el: Element): void {
    if (this.phase !== 'picking') return;
    this.avoid ??= articleGuard(articleParagraphs(this.doc));
    this.chain = new PickChain(el, this.avoid);
    this.at = this.chain.start();
    this.option = 0;
    this.kind = guessKind(this.target ?? el);
    this.refresh(true);
  }

  /** The block around the picked one (the next ancestor with a proposal). */
  widen(): boolean {
    return this.move(1);
  }

  /** Back towards the clicked element. */
  narrow(): boolean {
    return this.move(-1);
  }

  /** Chooses another of the proposed selectors. */
  chooseSelector(index: number): void {
    if (index < 0 || index >= this.proposals.length) return;
    this.option = index;
    this.refresh(false);
  }

  setKind(kind: Kind): void {
    if (KINDS.includes(kind)) this.kind = kind;
    if (this.ui) selectValue(this.ui.kind, this.kind);
  }

  /** Saves the choice; closes the picker when saved. False when there is nothing to save or saving failed. */
  async hide(): Promise<boolean> {
    const choice = this.choice;
    if (this.phase !== 'picking' || !choice) return false;
    this.phase = 'saving';
    this.render();
    try {
      await this.options.save(choice);
    } catch {
      if (this.phase !== 'saving') return false; // cancelled meanwhile
      this.phase = 'picking';
      this.render();
      if (this.ui) this.ui.message.textContent = t('pickerSaveFailed');
      return false;
    }
    if (this.phase !== 'saving') return false;
    this.end(choice);
    return true;
  }

  /** Closes the picker: the page is as it was. */
  cancel(): void {
    if (this.phase === 'picking' || this.phase === 'saving' || this.phase === 'idle') this.end(null);
  }

  // ---- internals ----

  private move(step: 1 | -1): boolean {
    if (this.phase !== 'picking' || !this.chain || this.at < 0) return false;
    const i = this.chain.next(this.at + step, step);
    if (i < 0) return false;
    this.at = i;
    this.option = 0;
    this.refresh(false);
    return true;
  }

  /** The matched elements for the chosen selector, then the panel and outlines. */
  private refresh(picked: boolean): void {
    const p = this.proposals[this.option];
    this.matched = [];
    if (p) {
      try {
        this.matched = Array.from(this.doc.querySelectorAll(p.selector));
      } catch {
        this.matched = [];
      }
    }
    this.render();
    const hide = this.ui?.hide;
    if (picked && p && typeof hide?.focus === 'function') hide.focus({ preventScroll: true });
  }

  private build(html: Element): void {
    const doc = this.doc;
    const host = doc.createElement(PICKER_TAG);
    // Our element's own box: nothing of it shows or takes a click; only the panel inside takes clicks.
    setStyle(host, {
      all: 'initial',
      position: 'fixed',
      top: '0',
      left: '0',
      width: '0',
      height: '0',
      overflow: 'visible',
      'z-index': TOP_LAYER,
      'pointer-events': 'none',
      display: 'block',
    });
    const root = host.attachShadow({ mode: 'open' });
    adoptStyles(doc, root);

    const hover = make(doc, 'div', 'box hover');
    hover.hidden = true;
    const outlines = make(doc, 'div', '');
    const title = make(doc, 'p', 'title', t('pickerTitle'));
    title.id = 'title';
    const hint = make(doc, 'p', 'hint', t('pickerHint'));
    const selector = make(doc, 'select', 'selector');
    selector.name = 'selector';
    const matches = make(doc, 'p', 'matches');
    matches.setAttribute('role', 'status');
    const wider = make(doc, 'button', '', t('pickerWider'));
    wider.title = t('pickerWiderTitle');
    const narrower = make(doc, 'button', '', t('pickerNarrower'));
    narrower.title = t('pickerNarrowerTitle');
    const kind = make(doc, 'select', 'kind');
    kind.name = 'kind';
    for (const k of KINDS) {
      const o = make(doc, 'option', '', kindLabel(k, 'one'));
      o.value = k;
      kind.append(o);
    }
    const choice = make(
      doc,
      'div',
      'choice',
      make(doc, 'label', '', t('pickerSelector'), selector),
      matches,
      make(doc, 'div', 'row', wider, narrower),
      make(doc, 'label', '', t('pickerKind'), kind),
    );
    const message = make(doc, 'p', 'message');
    message.setAttribute('role', 'alert');
    const cancel = make(doc, 'button', '', t('pickerCancel'));
    const hide = make(doc, 'button', 'primary', t('pickerHide'));
    const buttons = make(doc, 'div', 'buttons', cancel, hide);
    for (const [b, action] of [
      [wider, 'wider'],
      [narrower, 'narrower'],
      [cancel, 'cancel'],
      [hide, 'hide'],
    ] as const) {
      b.type = 'button';
      b.dataset.action = action;
    }
    const panel = make(doc, 'div', 'panel', title, hint, choice, message, buttons);
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'title');
    root.append(outlines, hover, panel);
    // `change` stays inside the shadow root: the page never sees it. The root is open, so a page
    // script could reach our selects: only the user's own change counts.
    selector.addEventListener('change', (e) => this.guard(() => this.trusted(e) && this.chooseSelector(Number(selector.value))));
    kind.addEventListener('change', (e) => this.guard(() => this.trusted(e) && this.setKind(kind.value as Kind)));

    this.host = host;
    this.root = root;
    this.ui = { panel, hint, choice, selector, matches, wider, narrower, kind, message, hide, hover, outlines };
    this.render();
    html.appendChild(host);
  }

  private render(): void {
    const ui = this.ui;
    if (!ui) return;
    const picked = this.chain !== null;
    const proposals = this.proposals;
    const saving = this.phase === 'saving';
    ui.hint.hidden = picked && proposals.length > 0;
    ui.choice.hidden = proposals.length === 0;
    ui.message.textContent = !picked || proposals.length ? '' : t(this.avoid?.(this.chain!.elements[0]) ? 'pickerArticle' : 'pickerNone');
    ui.selector.replaceChildren(
      ...proposals.map((p, i) => {
        const o = make(this.doc, 'option', '', p.selector);
        o.value = String(i);
        return o;
      }),
    );
    selectValue(ui.selector, String(this.option));
    ui.matches.textContent = proposals.length ? t('pickerMatches', count(this.matched.length, 'block')) : '';
    selectValue(ui.kind, this.kind);
    ui.wider.disabled = saving || !this.chain || this.at < 0 || this.chain.next(this.at + 1, 1) < 0;
    ui.narrower.disabled = saving || !this.chain || this.at <= 0 || this.chain.next(this.at - 1, -1) < 0;
    ui.selector.disabled = saving;
    ui.kind.disabled = saving;
    ui.hide.disabled = saving || proposals.length === 0;
    const outlines = this.matched.map(() => make(this.doc, 'div', 'box match'));
    ui.outlines.replaceChildren(...outlines);
    this.layout();
  }

  /** Puts the outlines on the elements they stand for, and the panel where it covers none of the pick. */
  private layout(): void {
    const ui = this.ui;
    if (!ui) return;
    place(ui.hover, this.hovered);
    const boxes = Array.from(ui.outlines.children) as HTMLElement[];
    this.matched.forEach((el, i) => place(boxes[i], el));
    const target = this.target;
    const viewHeight = this.view?.innerHeight ?? 0;
    let low = false;
    if (target && viewHeight) {
      const r = target.getBoundingClientRect();
      low = r.top + r.height / 2 > viewHeight / 2;
    }
    ui.panel.classList.toggle('top', low);
  }

  private scheduleLayout(): void {
    if (this.frame !== null || !this.view) return;
    const run = () => {
      this.frame = null;
      this.guard(() => this.layout());
    };
    this.frame =
      typeof this.view.requestAnimationFrame === 'function' ? this.view.requestAnimationFrame(run) : (this.view.setTimeout(run, 16) as unknown as number);
  }

  /** Is the event on our own panel or outlines? */
  private ours(e: Event): boolean {
    const host = this.host;
    if (!host) return false;
    const target = e.target as Node | null;
    if (target === host) return true;
    const path = typeof e.composedPath === 'function' ? e.composedPath() : [];
    return path.includes(host) || (!!target && !!this.root && typeof target.nodeType === 'number' && this.root.contains(target));
  }

  private readonly onClick = (e: Event): void =>
    this.guard(() => {
      if (!this.active || !this.trusted(e)) return;
      if (this.ours(e)) {
        // Our panel's events are ours alone; the buttons act here, as the event starts.
        e.stopImmediatePropagation();
        if (e.type !== 'click') return;
        const path = typeof e.composedPath === 'function' ? e.composedPath() : [e.target];
        const button = path.find((n): n is HTMLElement => !!n && (n as HTMLElement).dataset?.action !== undefined && this.root!.contains(n as Node));
        const action = button && !(button as HTMLButtonElement).disabled ? (button.dataset.action as Action) : null;
        if (action) this.act(action);
        return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      if (e.type !== 'click' || this.phase !== 'picking') return;
      const el = e.target as Element | null;
      if (el && typeof el.tagName === 'string' && !UNPICKABLE.has(el.tagName.toUpperCase())) this.pick(el);
    });

  private readonly onHover = (e: Event): void =>
    this.guard(() => {
      if (!this.active || !this.trusted(e)) return;
      const el = e.target as Element | null;
      this.hovered = this.ours(e) || !el || typeof el.tagName !== 'string' || UNPICKABLE.has(el.tagName.toUpperCase()) ? null : el;
      if (this.ui) place(this.ui.hover, this.hovered);
    });

  private readonly onKey = (e: Event): void =>
    this.guard(() => {
      if (!this.active || !this.trusted(e)) return;
      if ((e as KeyboardEvent).key === 'Escape') {
        e.preventDefault();
        e.stopImmediatePropagation();
        this.cancel();
      } else if (this.ours(e)) {
        e.stopImmediatePropagation(); // typing in our panel is not for the page's shortcuts
      }
    });

  private readonly onKeyUp = (e: Event): void =>
    this.guard(() => {
      if (this.active && this.trusted(e) && this.ours(e)) e.stopImmediatePropagation();
    });

  private readonly onLayout = (e: Event): void =>
    this.guard(() => {
      if (this.trusted(e)) this.scheduleLayout();
    });

  /** The page is going away: the picker closes (a page script's made-up `pagehide` does not count). */
  private readonly onPageHide = (e: Event): void =>
    this.guard(() => {
      if (this.trusted(e)) this.cancel();
    });

  private act(action: Action): void {
    switch (action) {
      case 'hide':
        this.hide().catch((e: unknown) => this.fail(e));
        break;
      case 'cancel':
        this.cancel();
        break;
      case 'wider':
        this.widen();
        break;
      case 'narrower':
        this.narrow();
        break;
    }
  }

  /** Runs a handler; a failure ends the picker rather than leave the page's clicks swallowed. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    console.warn('Declutter News: the block picker stopped', e);
    this.end(null);
  }

  /** Takes away everything we added: the element, every listener, a pending frame; gives focus back. */
  private end(choice: PickChoice | null): void {
    if (this.phase === 'done') return;
    const hadFocus = !!this.root && !!this.host && this.doc.activeElement === this.host;
    this.phase = 'done';
    const view = this.view;
    try {
      if (view) {
        for (const type of CLICK_EVENTS) view.removeEventListener(type, this.onClick, true);
        view.removeEventListener('mouseover', this.onHover, true);
        view.removeEventListener('keydown', this.onKey, true);
        view.removeEventListener('keyup', this.onKeyUp, true);
        view.removeEventListener('scroll', this.onLayout, { capture: true });
        view.removeEventListener('resize', this.onLayout);
        view.removeEventListener('pagehide', this.onPageHide);
        if (this.frame !== null) {
          if (typeof view.cancelAnimationFrame === 'function') view.cancelAnimationFrame(this.frame);
          view.clearTimeout(this.frame);
        }
      }
      this.frame = null;
      this.host?.remove();
      const before = this.focusBefore as HTMLElement | null;
      if (hadFocus && before?.isConnected && typeof before.focus === 'function') before.focus({ preventScroll: true });
    } catch {
      // the page is going away
    }
    this.host = null;
    this.root = null;
    this.ui = null;
    this.matched = [];
    this.hovered = null;
    this.focusBefore = null;
    this.resolve(choice);
  }
}

/** Our styles in the shadow root: a constructed sheet where the browser has one (no page CSP applies), else a <style>. */
function adoptStyles(doc: Document, root: ShadowRoot): void {
  const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
  try {
    if (Sheet && 'adoptedStyleSheets' in root) {
      const sheet = new Sheet();
      sheet.replaceSync(STYLES);
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length === 1) return;
    }
  } catch {
    // below
  }
  root.append(make(doc, 'style', '', STYLES));
}

/** Selects a <select>'s option by value. */
function selectValue(select: HTMLSelectElement, value: string): void {
  for (const o of Array.from(select.querySelectorAll('option'))) o.selected = o.value === value;
}

/** Puts an outline box over an element (in viewport coordinates), or hides it. */
function place(box: HTMLElement | undefined, el: Element | null): void {
  if (!box) return;
  const r = el?.isConnected ? el.getBoundingClientRect() : null;
  if (!r || (r.width === 0 && r.height === 0)) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.style.transform = `translate(${r.left}px, ${r.top}px)`;
  box.style.width = `${r.width}px`;
  box.style.height = `${r.height}px`;
}

/** Starts a picker on a document. */
export function startPicker(doc: Document, options: PickerOptions): Picker {
  const picker = new Picker(doc, options);
  picker.start();
  return picker;
}
