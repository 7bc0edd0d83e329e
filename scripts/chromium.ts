/**
 * How the browser tests and the browser benchmark start Chromium: Debian's build (CHROMIUM_PATH
 * picks another), headless, with only our built extension, and every host name mapped to
 * 127.0.0.1 so pages of any site are served locally.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** With `extensionDir`, that extension alone; without, none (the page as a browser without us shows it). */
export function chromiumArgs(extensionDir?: string): string[] {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : ['--disable-extensions']),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--host-resolver-rules=MAP * 127.0.0.1',
  ];
}
