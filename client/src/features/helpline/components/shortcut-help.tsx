import { useId } from 'react'
import { useTranslation } from 'react-i18next'

const shortcuts = [
  'next',
  'previous',
  'choose',
  'copy',
  'referred',
  'adviceOnly',
  'none',
  'undo',
  'newCall',
] as const

/** The keys, written on the screen: nobody should have to guess them. */
export function ShortcutHelp() {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section className="helpline-shortcuts" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('helpline.shortcuts.heading')}</h2>
      <p>{t('helpline.shortcuts.form')}</p>
      <dl>
        {shortcuts.map((name) => (
          <div key={name} className="helpline-shortcut">
            <dt>
              <kbd>{t(`helpline.shortcuts.keys.${name}`)}</kbd>
            </dt>
            <dd>{t(`helpline.shortcuts.${name}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
