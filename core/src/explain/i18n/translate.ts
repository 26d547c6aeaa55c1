/**
 * Looks a key up in the catalogue of a locale and fills in its parameters. Every catalogue has every key
 * (the Catalogue type and catalogues.test.ts see to it), so there is no fallback to hide a gap.
 */
import { catalogueEn, type Catalogue, type CatalogueKey } from './catalogueEn.ts';
import { catalogueEs } from './catalogueEs.ts';
import { catalogueFr } from './catalogueFr.ts';
import { cataloguePl } from './cataloguePl.ts';
import { formatMessage, type MessageParams } from './formatMessage.ts';
import type { Locale } from './locale.ts';

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en: catalogueEn, fr: catalogueFr, es: catalogueEs, pl: cataloguePl };

export function translate(locale: Locale, key: CatalogueKey, params: MessageParams = {}): string {
  return formatMessage(CATALOGUES[locale][key], params);
}

export function isCatalogueKey(key: string): key is CatalogueKey {
  return Object.hasOwn(catalogueEn, key);
}
