import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Taxonomy } from '../../../lib/taxonomy'
import { matchTerms, type NeedVocabulary, type TermMatch } from '../lib/match-terms'

/** A chosen need: one function or topic. */
export interface NeedTerm {
  vocabulary: 'functions' | 'topics'
  code: string
}

interface NeedComboboxProps {
  inputId: string
  taxonomy: Taxonomy | undefined
  /** What is in the box. */
  text: string
  /** The term chosen from the list, while the text still shows its label. */
  term: NeedTerm | undefined
  onTextChange(text: string): void
  onPick(term: NeedTerm, label: string): void
  /** A strand ("who your group works with") chosen from the list: it joins the strand choices. */
  onPickStrand(code: string, label: string): void
  /** Ids of the hint and error, for aria-describedby. */
  describedBy: string
  invalid: boolean
}

// While typing, strands are offered too ("BME" finds race); browsing the whole list shows needs only,
// since the strands have their own question below.
const browseVocabularies: readonly NeedVocabulary[] = ['functions', 'topics']
const typingVocabularies: readonly NeedVocabulary[] = ['functions', 'topics', 'strands']

/**
 * "What do you need help with?": an editable combobox with a list of suggestions and manual
 * selection, after the WAI-ARIA Authoring Practices combobox pattern. Focus stays in the input;
 * the highlighted option is announced through aria-activedescendant. Down/Up open the list and move,
 * Enter chooses, Escape closes (and clears on a second press), Alt+Down opens without moving.
 */
export function NeedCombobox({
  inputId,
  taxonomy,
  text,
  term,
  onTextChange,
  onPick,
  onPickStrand,
  describedBy,
  invalid,
}: NeedComboboxProps) {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const id = useId()
  const listId = `${id}-list`
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [typed, setTyped] = useState(false)
  const listRef = useRef<HTMLDivElement>(null)

  // Typed text filters the list; a chosen term's label shown in the box lists everything again.
  const query = typed && !term ? text : ''
  const options = useMemo(
    () =>
      taxonomy ? matchTerms(taxonomy, query, language, query ? typingVocabularies : browseVocabularies) : [],
    [taxonomy, query, language],
  )
  const groups = useMemo(() => {
    const byVocabulary = new Map<NeedVocabulary, Array<TermMatch & { index: number }>>()
    options.forEach((option, index) => {
      const list = byVocabulary.get(option.vocabulary) ?? []
      list.push({ ...option, index })
      byVocabulary.set(option.vocabulary, list)
    })
    return [...byVocabulary.entries()]
  }, [options])

  const optionId = (index: number) => `${id}-option-${index}`
  const activeOption = open && active >= 0 ? options[active] : undefined

  // Keep the highlighted option visible inside the scrolling list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: optionId is derived from the stable useId
  useEffect(() => {
    if (!open || active < 0) return
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' })
  }, [open, active])

  const show = (index: number) => {
    setOpen(true)
    setActive(index)
  }
  const close = () => {
    setOpen(false)
    setActive(-1)
  }

  const choose = (option: TermMatch) => {
    close()
    setTyped(false)
    if (option.vocabulary === 'strands') {
      onTextChange('')
      onPickStrand(option.code, option.label)
    } else {
      onPick({ vocabulary: option.vocabulary, code: option.code }, option.label)
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (event.altKey) setOpen(true)
        else if (!open) show(count > 0 ? 0 : -1)
        else show(count === 0 ? -1 : (active + 1) % count)
        break
      case 'ArrowUp':
        event.preventDefault()
        if (!open) show(count - 1)
        else show(count === 0 ? -1 : active <= 0 ? count - 1 : active - 1)
        break
      case 'Enter':
        // Choosing from the open list; otherwise Enter submits the form as usual.
        if (activeOption) {
          event.preventDefault()
          choose(activeOption)
        }
        break
      case 'Escape':
        if (open) {
          event.preventDefault()
          close()
        } else if (text) {
          event.preventDefault()
          setTyped(false)
          onTextChange('')
        }
        break
      case 'Tab':
        close()
        break
    }
  }

  const statusText = !open
    ? ''
    : options.length > 0
      ? t('findSupport.need.suggestions', { count: options.length })
      : query
        ? t('findSupport.need.noSuggestions')
        : ''

  return (
    <div className="combobox">
      <div className="combobox-field">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeOption ? optionId(active) : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={text}
          onChange={(event) => {
            setTyped(true)
            onTextChange(event.target.value)
            setOpen(true)
            setActive(-1)
          }}
          onKeyDown={onKeyDown}
          onClick={() => setOpen(true)}
          onBlur={close}
        />
        {text ? (
          <button
            type="button"
            className="combobox-clear button-secondary"
            aria-label={t('findSupport.need.clearLabel')}
            onClick={() => {
              setTyped(false)
              onTextChange('')
              document.getElementById(inputId)?.focus()
            }}
          >
            {t('findSupport.need.clear')}
          </button>
        ) : null}
        {/* Per the APG pattern, the open button is for pointer users; keyboard users have Alt+Down. */}
        <button
          type="button"
          tabIndex={-1}
          className="combobox-toggle button-secondary"
          aria-label={t('findSupport.need.showAll')}
          aria-expanded={open}
          aria-controls={listId}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            if (open) close()
            else {
              setTyped(false)
              show(-1)
            }
            document.getElementById(inputId)?.focus()
          }}
        >
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
            <path d="M3 6l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
        </button>
      </div>
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={t('findSupport.need.listLabel')}
        className="combobox-list"
        hidden={!open || options.length === 0}
        // Keep focus in the input when an option is pressed.
        onMouseDown={(event) => event.preventDefault()}
      >
        {groups.map(([vocabulary, items]) => (
          // biome-ignore lint/a11y/useSemanticElements: a listbox group (APG grouped listbox), not a form fieldset
          <div key={vocabulary} role="group" aria-labelledby={`${id}-group-${vocabulary}`}>
            <div role="presentation" id={`${id}-group-${vocabulary}`} className="combobox-group-label">
              {t(`findSupport.need.groups.${vocabulary}`)}
            </div>
            {items.map((option) => {
              const selected = option.vocabulary !== 'strands' && term?.code === option.code
              return (
                // Options are not focusable by design: focus stays in the input (aria-activedescendant),
                // where Enter chooses; a click chooses too.
                // biome-ignore lint/a11y/useFocusableInteractive: see above
                // biome-ignore lint/a11y/useKeyWithClickEvents: see above
                <div
                  key={`${option.vocabulary}:${option.code}`}
                  id={optionId(option.index)}
                  role="option"
                  aria-selected={selected}
                  className="combobox-option"
                  data-active={option.index === active || undefined}
                  onClick={() => choose(option)}
                  onMouseMove={() => setActive(option.index)}
                >
                  <span>{option.label}</span>
                  {option.matchedText ? (
                    <span className="combobox-match">
                      {' '}
                      {t('findSupport.need.matched', { text: option.matchedText })}
                    </span>
                  ) : null}
                </div>
              )
            })}
          </div>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {statusText}
      </p>
    </div>
  )
}
