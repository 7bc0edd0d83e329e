/** The background (lib/extension/background/main.ts): the engine away from the page, tab states, the toolbar, shortcuts. */
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/extension/background/main';

export default defineBackground(() => startBackground());
