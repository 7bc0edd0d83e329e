/**
 * Unit tests run without a browser: the English catalog stands in for browser.i18n (setup file
 * of vitest.config.ts), so wording is tested as the popup shows it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useCatalog, type CatalogEntry } from '../../lib/extension/i18n';

export const CATALOG_PATH = join(import.meta.dirname, '..', '..', 'public', '_locales', 'en', 'messages.json');
export const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as Record<string, CatalogEntry>;

useCatalog(catalog);
