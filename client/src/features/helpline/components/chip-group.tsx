import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type TaxonomyTerm, termLabel } from '../../../lib/taxonomy'
import { normalise } from '../lib/need-options'

interface ChipGroupProps {
  /** The choices, in order (the groups the caller works with, languages, formats). */
  terms: readonly Pick<TaxonomyTerm, 'code' | 'label' | 'labelCy'>[]
  selected: readonly string[]
  onToggle(code: string): void
  /** Enter on a chip searches, like Enter anywhere in the form. */
  onSubmit(): void
  legend: string
  hint: string
  className?: string
  /** Shown after the chips, inside the fieldset (e.g. a list of further choices). */
  children?: ReactNode
}

/**
 * Codes the caller asked for, as toggle buttons in one tab stop (roving tabindex): ← and → move,
 * Home and End jump, a letter jumps to the next choice starting with it, Space toggles, Enter searches.
 */
export function ChipGroup({
  terms,
  selected,
  onToggle,
  onSubmit,
  legend,
  hint,
  className = 'helpline-strands',
  children,
}: ChipGroupProps) {
  const { i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const id = useId()
  const [focusIndex, setFocusIndex] = useState(0)
  // The list may shrink or grow (a language added from the list): keep the tab stop on a chip.
  const tabStop = Math.min(focusIndex, terms.length - 1)
  const refs = useRef<Array<HTMLButtonElement | null>>([])

  const move = (index: number) => {
    const next = (index + terms.length) % terms.length
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
      move(terms.length - 1)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      onSubmit()
    } else if (event.key.length === 1 && /\p{L}/u.test(event.key)) {
      const letter = normalise(event.key)
      for (let step = 1; step <= terms.length; step++) {
        const candidate = (index + step) % terms.length
        const term = terms[candidate]
        if (term && normalise(termLabel(term, language)).startsWith(letter)) {
          event.preventDefault()
          move(candidate)
          break
        }
      }
    }
  }

  return (
    <fieldset className={className} aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <div className="helpline-chips">
        {terms.map((term, index) => {
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
              tabIndex={index === tabStop ? 0 : -1}
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
      {children}
    </fieldset>
  )
}
