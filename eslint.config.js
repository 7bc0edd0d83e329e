/**
 * ESLint: the recommended rules of ESLint and typescript-eslint (syntax only: the type-aware set
 * takes four times as long and found nothing that tsc and the tests miss), no formatting rules
 * (Prettier formats: .prettierrc.json), and the browser globals the engine may not touch. Which
 * layer imports which, and that no imports go round in a circle, is test/layers.test.ts: it
 * resolves every import to its file.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const banned = (names, message) => names.split(/\s+/).map((name) => ({ name, message }));

/** Globals of a browser page or extension, which the engine and the rules must do without. */
const NOT_IN_ENGINE = [
  ...banned('browser chrome', 'the engine knows no extension API: lib/extension/ talks to the browser and hands the engine what it needs'),
  ...banned(
    `window self globalThis document location history navigator screen frames parent top opener name event status origin length closed
     innerWidth innerHeight scrollX scrollY devicePixelRatio getComputedStyle matchMedia getSelection requestAnimationFrame cancelAnimationFrame
     requestIdleCallback cancelIdleCallback alert confirm prompt open close print postMessage addEventListener removeEventListener dispatchEvent`,
    'the engine reads the Document it is given (doc, el.ownerDocument, doc.defaultView): it also runs under linkedom in Node, with no page around it',
  ),
  ...banned(
    'Node Element HTMLElement Document Text Comment NodeFilter DOMParser Range MutationObserver IntersectionObserver ResizeObserver CSS customElements',
    "a DOM class as a value is missing under linkedom (and is another realm's in a frame): test nodeType or tagName, make nodes with doc.createElement",
  ),
  ...banned(
    'localStorage sessionStorage indexedDB caches cookieStore fetch XMLHttpRequest WebSocket EventSource Worker',
    'the engine does no I/O: its callers load and store',
  ),
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'test-results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Plain DOM code, run in pages, in the background and by scripts/ under linkedom. (Types are
    // free: `el: Element` is fine, `el instanceof Element` is not.)
    files: ['lib/engine/**', 'lib/rules/**'],
    rules: { 'no-restricted-globals': ['error', ...NOT_IN_ENGINE] },
  },
  prettier,
);
