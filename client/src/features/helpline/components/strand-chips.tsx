import { type KeyboardEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type StrandTerm, termLabel } from '../../../lib/taxonomy'
import { normalise } from '../lib/need-options'

interface StrandChipsProps {
  strands: readonly StrandTerm[]
  selected: readonly string[]
  onToggle(code: string): void
  /** Enter on a chip searches, like Enter anywhere in the form. */
  onSubmit(): void
}

/**
 * The groups the caller works with, as toggle buttons in one tab stop (roving tabindex): ← and →
 * move, Home and End jump, a letter jumps to the next group starting with it, Space toggles.
 */
export function StrandChips({ strands, selected, onToggle, onSubmit }: StrandChipsProps) {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const id = useId()
  const [focusIndex, setFocusIndex] = useState(0)
  const refs = useRef<Array<HTMLButtonElement | null>>([])

  const move = (index: number) => {
    const next = (index + strands.length) % strands.length
    setFocusIndex(next)
    refs.current[next]?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      event.preventDefault()
      move(index + 1)
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault()
      move(index - 1)
    } else if (event.key === 'Home') {
      event.preventDefault()
      move(0)
    } else if (event.key === 'End') {
      event.preventDefault()
      move(strands.length - 1)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      onSubmit()
    } else if (event.key.length === 1 && /\p{L}/u.test(event.key)) {
      const letter = normalise(event.key)
      for (let step = 1; step <= strands.length; step++) {
        const candidate = (index + step) % strands.length
        const term = strands[candidate]
        if (term && normalise(termLabel(term, language)).startsWith(letter)) {
          event.preventDefault()
          move(candidate)
          break
        }
      }
    }
  }

  return (
    <fieldset className="helpline-strands" aria-describedby={`${id}-hint`}>
      <legend>{t('helpline.form.strands')}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('helpline.form.strandsHint')}
      </p>
      <div className="helpline-chips">
        {strands.map((term, index) => {
          const pressed = selected.includes(term.code)
          return (
            <button
              key={term.code}
              ref={(element) => {
                refs.current[index] = element
              }}
              type="button"
              className="helpline-chip"
              aria-pressed={pressed}
              tabIndex={index === focusIndex ? 0 : -1}
              onFocus={() => setFocusIndex(index)}
              onClick={() => onToggle(term.code)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span aria-hidden="true" className="helpline-chip-mark">
                {pressed ? '✓' : '+'}
              </span>{' '}
              {termLabel(term, language)}
            </button>
          )
        })}
      </div>
    </fieldset>
  )
}
