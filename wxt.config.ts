import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  imports: false,
  manifest: {
    name: 'Declutter News',
    description: 'Hides newsletter prompts, Read More carousels, repeated captions, ads and share bars on news pages, and shows what it hid.',
    permissions: ['storage'],
  },
});
