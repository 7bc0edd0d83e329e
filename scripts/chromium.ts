/**
 * How the browser tests and the browser benchmark start Chromium: Debian's build (CHROMIUM_PATH
 * picks another), headless, with only our built extension, and every host name mapped to
 * 127.0.0.1 so pages of any site are served locally.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--host-resolver-rules=MAP * 127.0.0.1',
  ];
}
