import { type KeyboardEvent, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Taxonomy } from '../../../lib/taxonomy'
import { type NeedOption, needOptions } from '../lib/need-options'

interface NeedFieldProps {
  inputId: string
  taxonomy: Taxonomy | undefined
  text: string
  chosen: NeedOption | undefined
  onTextChange(text: string): void
  /** A suggestion was chosen (Enter, Tab or a click): the form searches only when asked to. */
  onChoose(option: NeedOption): void
  describedBy: string
  invalid: boolean
}

/**
 * The need typeahead (functions, topics and their synonyms), after the WAI-ARIA combobox pattern:
 * focus stays in the box, ↓/↑ move through the suggestions (aria-activedescendant), Enter chooses
 * the highlighted suggestion without searching (a second Enter, with no list open, searches), Tab
 * chooses it and moves on, Escape closes then clears.
 */
export function NeedField({
  inputId,
  taxonomy,
  text,
  chosen,
  onTextChange,
  onChoose,
  describedBy,
  invalid,
}: NeedFieldProps) {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const id = useId()
  const listId = `${id}-list`
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)

  // A chosen need shows its label in the box; browsing then lists everything again.
  const query = chosen ? '' : text
  const options = useMemo(
    () => (taxonomy ? needOptions(taxonomy, query, language) : []),
    [taxonomy, query, language],
  )
  const optionId = (index: number) => `${id}-option-${index}`
  const activeOption = open && active >= 0 ? options[active] : undefined

  const close = () => {
    setOpen(false)
    setActive(-1)
  }
  const choose = (option: NeedOption) => {
    close()
    onChoose(option)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        setOpen(true)
        setActive(count === 0 ? -1 : open ? (active + 1) % count : 0)
        break
      case 'ArrowUp':
        event.preventDefault()
        setOpen(true)
        setActive(count === 0 ? -1 : open && active > 0 ? active - 1 : count - 1)
        break
      case 'Enter':
        if (activeOption) {
          event.preventDefault()
          choose(activeOption)
        } else close()
        break
      case 'Tab':
        if (activeOption) choose(activeOption)
        else close()
        break
      case 'Escape':
        if (open) {
          event.preventDefault()
          close()
        } else if (text) {
          event.preventDefault()
          onTextChange('')
        }
        break
    }
  }

  const groups = (['functions', 'topics'] as const)
    .map((vocabulary) => ({
      vocabulary,
      items: options
        .map((option, index) => ({ option, index }))
        .filter((x) => x.option.vocabulary === vocabulary),
    }))
    .filter((g) => g.items.length > 0)

  return (
    <div className="helpline-combobox">
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={activeOption ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        value={text}
        onChange={(event) => {
          onTextChange(event.target.value)
          setOpen(true)
          setActive(-1)
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <p className="visually-hidden" role="status">
        {open && query
          ? options.length > 0
            ? t('helpline.form.suggestions', { count: options.length })
            : t('helpline.form.noSuggestions')
          : ''}
      </p>
      <div
        id={listId}
        role="listbox"
        aria-label={t('helpline.form.suggestionsLabel')}
        className="helpline-combobox-list"
        hidden={!open || options.length === 0}
        // Keep focus in the box when a suggestion is pressed.
        onMouseDown={(event) => event.preventDefault()}
      >
        {groups.map(({ vocabulary, items }) => (
          // biome-ignore lint/a11y/useSemanticElements: a listbox group (APG grouped listbox), not a form fieldset
          <div key={vocabulary} role="group" aria-labelledby={`${id}-group-${vocabulary}`}>
            <div role="presentation" id={`${id}-group-${vocabulary}`} className="helpline-combobox-group">
              {t(`helpline.form.groups.${vocabulary}`)}
            </div>
            {items.map(({ option, index }) => (
              // Suggestions are not focusable by design: focus stays in the box (aria-activedescendant).
              // biome-ignore lint/a11y/useFocusableInteractive: see above
              // biome-ignore lint/a11y/useKeyWithClickEvents: Enter in the box chooses; see above
              <div
                key={`${option.vocabulary}:${option.code}`}
                id={optionId(index)}
                role="option"
                aria-selected={chosen?.code === option.code}
                className="helpline-combobox-option"
                data-active={index === active || undefined}
                onClick={() => choose(option)}
              >
                {option.label}
                {option.matched ? <span className="hint"> ({option.matched})</span> : null}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  )
}
