/**
 * A record's text in the interface language: in Welsh, the record's Welsh text where it has one;
 * otherwise the English text, with `lang="en"` so a screen reader reads it as English.
 */
export function recordText(
  english: string,
  welsh: string | null | undefined,
  uiLanguage: string | undefined,
): { text: string; lang: 'en' | 'cy' }
export function recordText(
  english: string | null,
  welsh: string | null | undefined,
  uiLanguage: string | undefined,
): { text: string | null; lang: 'en' | 'cy' }
export function recordText(
  english: string | null,
  welsh: string | null | undefined,
  uiLanguage: string | undefined,
): { text: string | null; lang: 'en' | 'cy' } {
  if (uiLanguage === 'cy' && welsh) return { text: welsh, lang: 'cy' }
  return { text: english, lang: 'en' }
}
