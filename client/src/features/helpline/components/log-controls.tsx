import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { Outcome, Reason } from '../../../../../server/enquiries/enquiry-schemas'

/** The server's reasons (a Record, so a reason added there and not here fails the type check). */
const REASON_CODES: Record<Reason, true> = {
  'service-not-listed': true,
  'outside-area': true,
  'language-support': true,
  'accessible-format': true,
  'cost-barrier': true,
  'criteria-not-met': true,
  'no-specialist-for-group': true,
  'passed-between-providers': true,
  'information-only': true,
}
const REASONS = Object.keys(REASON_CODES) as Reason[]

/**
 * The reason, the note (with the plain words of what never to type) and the log buttons. Once
 * the call is logged the fields and log buttons are off and Undo appears (issue 13 §6, §8).
 */
export function LogControls(props: {
  idPrefix: string
  reason: Reason | ''
  onReason: (reason: Reason | '') => void
  note: string
  onNote: (note: string) => void
  logged: boolean
  busy: boolean
  undoPending: boolean
  onLog: (outcome: Outcome) => void
  onUndo: () => void
  undoRef: RefObject<HTMLButtonElement | null>
  buttonsRef: RefObject<HTMLDivElement | null>
}) {
  const { t } = useTranslation()
  const id = props.idPrefix
  // aria-disabled, not disabled: a focused button must keep focus when the call is logged, and
  // pressing it again says the call is already logged (the handler ignores it).
  const off = props.busy || props.logged
  return (
    <>
      <div className="helpline-form-row">
        <div className="helpline-field">
          <label htmlFor={`${id}-reason`}>{t('helpline.log.reason')}</label>
          <p id={`${id}-reason-hint`} className="hint">
            {t('helpline.log.reasonHint')}
          </p>
          <select
            id={`${id}-reason`}
            value={props.reason}
            onChange={(event) => props.onReason(event.target.value as Reason | '')}
            aria-describedby={`${id}-reason-hint`}
            disabled={props.logged}
          >
            <option value="">{t('helpline.log.reasonNone')}</option>
            {REASONS.map((code) => (
              <option key={code} value={code}>
                {t(`helpline.log.reasons.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="helpline-field helpline-note">
          <label htmlFor={`${id}-note`}>{t('helpline.log.note')}</label>
          <p id={`${id}-note-hint`} className="hint">
            <strong>{t('helpline.log.noteHint')}</strong>
          </p>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={500}
            value={props.note}
            onChange={(event) => props.onNote(event.target.value)}
            aria-describedby={`${id}-note-hint`}
            disabled={props.logged}
          />
        </div>
      </div>
      <div className="helpline-buttons" ref={props.buttonsRef}>
        <button type="button" onClick={() => props.onLog('referred')} aria-disabled={off}>
          {t('helpline.log.referred')}
        </button>
        <button type="button" onClick={() => props.onLog('advice-only')} aria-disabled={off}>
          {t('helpline.log.adviceOnly')}
        </button>
        <button type="button" onClick={() => props.onLog('no-suitable-provider')} aria-disabled={off}>
          {t('helpline.log.none')}
        </button>
        {props.logged ? (
          <button
            type="button"
            ref={props.undoRef}
            className="button-secondary"
            onClick={props.onUndo}
            disabled={props.undoPending}
          >
            {t('helpline.log.undo')}
          </button>
        ) : null}
      </div>
    </>
  )
}
