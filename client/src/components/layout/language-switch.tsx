import { useTranslation } from 'react-i18next'
import { languages } from '../../lib/i18n'

/** English / Cymraeg toggle; the choice is saved and sets <html lang> (see lib/i18n). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const current = i18n.resolvedLanguage ?? i18n.language
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {languages.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          aria-pressed={current === language.code}
          title={t('language.switchTo', { language: language.name })}
          onClick={() => void i18n.changeLanguage(language.code)}
        >
          {language.name}
        </button>
      ))}
    </fieldset>
  )
}
