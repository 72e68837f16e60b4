import { useQueryClient } from '@tanstack/react-query'
import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  formatFromName,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportState,
  importKeys,
  useImportHistory,
  useImportState,
  useStartImport,
} from '../api/imports'
import { ApiErrorText } from './api-error-text'
import { OpsPage } from './ops-gate'

/** `/admin/imports`: bulk import, always checked by a dry run before it can be committed. */
export function ImportsPage() {
  const { t } = useTranslation()
  return (
    <OpsPage
      title={t('adminOps.imports.title')}
      intro={t('adminOps.imports.intro')}
      roles={['admin', 'editor']}
    >
      {() => (
        <>
          <ImportRunner />
          <ImportHistory />
        </>
      )}
    </OpsPage>
  )
}

interface ChosenFile {
  name: string
  text: string
}

function ImportRunner() {
  const { t } = useTranslation()
  const id = useId()
  const [file, setFile] = useState<ChosenFile | null>(null)
  const [format, setFormat] = useState<ImportFormat | ''>('')
  const [missing, setMissing] = useState<'file' | 'format' | null>(null)
  const [importId, setImportId] = useState<string | null>(null)
  const start = useStartImport()
  const state = useImportState(importId)
  const fileRef = useRef<HTMLInputElement>(null)
  const client = useQueryClient()
  const status = state.data?.status
  useEffect(() => {
    // A finished import belongs in the history list below.
    if (status && status !== 'running')
      void client.invalidateQueries({ queryKey: [...importKeys.all, 'history'] })
  }, [status, client])

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0]
    setImportId(null)
    start.reset()
    if (!chosen) {
      setFile(null)
      return
    }
    setFile({ name: chosen.name, text: await chosen.text() })
    setFormat(formatFromName(chosen.name) ?? '')
    setMissing(null)
  }

  const run = (commit: boolean) => {
    if (!file) {
      setMissing('file')
      fileRef.current?.focus()
      return
    }
    if (!format) {
      setMissing('format')
      return
    }
    setMissing(null)
    start.mutate(
      { text: file.text, format, filename: file.name, commit },
      { onSuccess: (started) => setImportId(started.id) },
    )
  }

  const dryRun = (event: FormEvent) => {
    event.preventDefault()
    run(false)
  }

  const current = state.data
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('adminOps.imports.runHeading')}</h2>
      <form onSubmit={dryRun} noValidate className="admin-ops-form">
        <div role="alert" className="field-error">
          {missing === 'file' ? t('adminOps.imports.fileMissing') : null}
          {missing === 'format' ? t('adminOps.imports.formatMissing') : null}
          {start.isError ? (
            <ApiErrorText error={start.error} lead={t('adminOps.imports.startFailed')} />
          ) : null}
        </div>
        <label htmlFor={`${id}-file`}>{t('adminOps.imports.file')}</label>
        <span className="hint" id={`${id}-file-hint`}>
          {t('adminOps.imports.fileHint')}
        </span>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
          aria-describedby={`${id}-file-hint`}
          aria-invalid={missing === 'file' || undefined}
          onChange={(event) => void choose(event)}
        />
        <label htmlFor={`${id}-format`}>{t('adminOps.imports.format')}</label>
        <select
          id={`${id}-format`}
          value={format}
          aria-invalid={missing === 'format' || undefined}
          onChange={(event) => setFormat(event.target.value as ImportFormat | '')}
        >
          <option value="">{t('adminOps.imports.formatChoose')}</option>
          {IMPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`adminOps.imports.formats.${f}`)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={start.isPending || current?.status === 'running'}>
          {t('adminOps.imports.dryRun')}
        </button>
      </form>
      {current ? (
        <ImportProgress state={current} onCommit={() => run(true)} committing={start.isPending} />
      ) : null}
      {state.isError ? (
        <p role="alert">
          <ApiErrorText error={state.error} lead={t('adminOps.loadFailed')} />
        </p>
      ) : null}
    </section>
  )
}

/** The running import's progress bar, then its report; a live region says when it has finished. */
function ImportProgress({
  state,
  onCommit,
  committing,
}: {
  state: ImportState
  onCommit: () => void
  committing: boolean
}) {
  const { t } = useTranslation()
  const id = useId()
  const reportHeading = useRef<HTMLHeadingElement>(null)
  const running = state.status === 'running'
  const { phase, processed, total } = state.progress
  const finishedMessage =
    state.status === 'running'
      ? ''
      : t(`adminOps.imports.finished.${state.status}`, { file: state.filename ?? '' })

  useEffect(() => {
    if (!running) reportHeading.current?.focus()
  }, [running])

  return (
    <div className="admin-ops-panel">
      <p role="status" aria-live="polite" className="admin-ops-status">
        {finishedMessage}
      </p>
      <label htmlFor={`${id}-progress`}>
        {t(`adminOps.imports.mode.${state.mode}`)}: {t(`adminOps.imports.phases.${phase}`)}
        {total > 0 ? ` (${t('adminOps.imports.rowsOf', { processed, total })})` : ''}
      </label>
      <progress
        id={`${id}-progress`}
        className="admin-ops-progress"
        max={phase === 'done' ? 1 : Math.max(total, 1)}
        value={phase === 'done' ? 1 : total > 0 ? processed : undefined}
      />
      {running ? null : (
        <>
          <h3 id={`${id}-report`} ref={reportHeading} tabIndex={-1}>
            {t('adminOps.imports.reportHeading', { file: state.filename ?? '' })}
          </h3>
          {state.status === 'failed' ? (
            <p role="alert">{state.error?.message}</p>
          ) : (
            <ImportReport state={state} />
          )}
          {state.mode === 'dry-run' && state.status === 'valid' ? (
            <button type="button" onClick={onCommit} disabled={committing}>
              {t('adminOps.imports.commit', { rows: state.totalRows ?? 0 })}
            </button>
          ) : null}
        </>
      )}
    </div>
  )
}

function ImportReport({ state }: { state: ImportState }) {
  const { t } = useTranslation()
  const problems = (list: ImportState['errors'], caption: string) =>
    list && list.length > 0 ? (
      <table className="admin-ops-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('adminOps.imports.row')}</th>
            <th scope="col">{t('adminOps.imports.column')}</th>
            <th scope="col">{t('adminOps.imports.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((problem) => (
            <tr key={`${problem.row}-${problem.column}-${problem.message}`}>
              <td>{problem.row === 0 ? t('adminOps.imports.wholeFile') : problem.row}</td>
              <td>{problem.column}</td>
              <td lang="en">{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null
  return (
    <>
      {state.status === 'running' || state.status === 'failed' ? null : (
        <p>{t(`adminOps.imports.status.${state.status}`)}</p>
      )}
      <table className="admin-ops-table admin-ops-counts">
        <caption>{t('adminOps.imports.countsCaption')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('adminOps.imports.totalRows')}</th>
            <td>{state.totalRows ?? 0}</td>
          </tr>
          <tr>
            <th scope="row">{t('adminOps.imports.creates')}</th>
            <td>{state.creates ?? 0}</td>
          </tr>
          <tr>
            <th scope="row">{t('adminOps.imports.updates')}</th>
            <td>{state.updates ?? 0}</td>
          </tr>
          {state.unchanged !== undefined ? (
            <tr>
              <th scope="row">{t('adminOps.importsMore.unchanged')}</th>
              <td>{state.unchanged}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">{t('adminOps.imports.errors')}</th>
            <td>{state.errorCount ?? 0}</td>
          </tr>
        </tbody>
      </table>
      {state.errors && state.errors.length > 0 && state.format === 'csv' ? (
        <p className="hint">{t('adminOps.importsMore.rowHint')}</p>
      ) : null}
      {problems(state.errors, t('adminOps.imports.errorsCaption'))}
      {problems(state.warnings, t('adminOps.imports.warningsCaption'))}
    </>
  )
}

function ImportHistory() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const history = useImportHistory()
  const dateFormat = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: 'medium',
    timeStyle: 'short',
  })
  return (
    <section aria-labelledby={`${id}-history`}>
      <h2 id={`${id}-history`}>{t('adminOps.imports.historyHeading')}</h2>
      {history.isPending ? (
        <p role="status">{t('loading')}</p>
      ) : history.isError ? (
        <p role="alert">
          <ApiErrorText error={history.error} lead={t('adminOps.loadFailed')} />
        </p>
      ) : history.data.items.length === 0 ? (
        <p>{t('adminOps.imports.historyEmpty')}</p>
      ) : (
        <table className="admin-ops-table">
          <thead>
            <tr>
              <th scope="col">{t('adminOps.imports.when')}</th>
              <th scope="col">{t('adminOps.imports.file')}</th>
              <th scope="col">{t('adminOps.imports.format')}</th>
              <th scope="col">{t('adminOps.imports.modeHeading')}</th>
              <th scope="col">{t('adminOps.imports.statusHeading')}</th>
              <th scope="col">{t('adminOps.imports.totalRows')}</th>
              <th scope="col">{t('adminOps.imports.creates')}</th>
              <th scope="col">{t('adminOps.imports.updates')}</th>
              <th scope="col">{t('adminOps.imports.errors')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.items.map((item) => (
              <tr key={item.id}>
                <td>{dateFormat.format(new Date(item.createdAt))}</td>
                <td>{item.filename ?? '—'}</td>
                <td>{t(`adminOps.imports.formats.${item.format}`)}</td>
                <td>{t(`adminOps.imports.mode.${item.mode}`)}</td>
                <td>{t(`adminOps.imports.statusShort.${item.status}`)}</td>
                <td>{item.totalRows ?? '—'}</td>
                <td>{item.creates ?? '—'}</td>
                <td>{item.updates ?? '—'}</td>
                <td>{item.errorCount ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
