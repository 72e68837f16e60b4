import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { cy } from '../locales/cy'
import { en } from '../locales/en'

/** The interface languages, each named in its own language (so never translated). */
export const languages = [
  { code: 'en', name: 'English' },
  { code: 'cy', name: 'Cymraeg' },
] as const

export type Language = (typeof languages)[number]['code']

const storageKey = 'support-atlas.language'

export function isLanguage(value: unknown): value is Language {
  return languages.some((language) => language.code === value)
}

/** The saved choice, else Welsh for browsers that ask for it first, else English. */
function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(storageKey)
    if (isLanguage(saved)) return saved
  } catch {
    // Storage can be blocked (private modes, policies): fall back to the browser's preference.
  }
  return navigator.language.toLowerCase().startsWith('cy') ? 'cy' : 'en'
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language
  try {
    window.localStorage.setItem(storageKey, language)
  } catch {
    // Not saved: the choice still holds for this page view.
  }
}

export const i18n = i18next.createInstance()

i18n.on('languageChanged', applyLanguage)

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, cy: { translation: cy } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: languages.map((language) => language.code),
  // Resources are bundled, so initialisation completes synchronously and the first render is translated.
  initAsync: false,
  // React escapes text itself.
  interpolation: { escapeValue: false },
  returnNull: false,
})

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
  }
}
