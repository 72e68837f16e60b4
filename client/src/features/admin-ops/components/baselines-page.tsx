import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../lib/api-client'
import { termLabel, useTaxonomy } from '../../../lib/taxonomy'
import {
  type Baseline,
  type BaselineFields,
  useBaselines,
  useDeleteBaseline,
  useSaveBaseline,
} from '../api/baselines'
import { ApiErrorText } from './api-error-text'
import { OpsPage } from './ops-gate'

/** `/admin/baselines`: the minimum provision each area should have, as coverage profiles check it. */
export function BaselinesPage() {
  const { t } = useTranslation()
  return (
    <OpsPage
      title={t('adminOps.baselines.title')}
      intro={t('adminOps.baselines.intro')}
      roles={['admin', 'editor']}
    >
      {() => <Baselines />}
    </OpsPage>
  )
}

const blank: BaselineFields = {
  key: '',
  label: '',
  labelCy: '',
  level: 'local',
  function: null,
  topic: null,
  group: 'any',
  minCount: 1,
  acceptableDepth: 'local',
  source: null,
  scope: 'all',
}

function Baselines() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const baselines = useBaselines()
  const remove = useDeleteBaseline()
  const taxonomy = useTaxonomy()
  const [editing, setEditing] = useState<Baseline | 'new' | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const listHeading = useRef<HTMLHeadingElement>(null)
  const language = i18n.resolvedLanguage ?? 'en'

  const label = (vocabulary: 'levels' | 'functions' | 'topics' | 'strands', code: string | null) => {
    if (!code) return ''
    const term = taxonomy.data?.[vocabulary].find((x) => x.code === code)
    return term ? termLabel(term, language) : code
  }
  const groupLabel = (group: string) =>
    group === 'any' || group === 'generalist'
      ? t(`adminOps.baselines.groups.${group}`)
      : label('strands', group)

  const done = (message: string) => {
    setEditing(null)
    setAnnouncement(message)
    listHeading.current?.focus()
  }

  return (
    <>
      <p role="status" className="admin-ops-status">
        {announcement}
      </p>
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} ref={listHeading} tabIndex={-1}>
          {t('adminOps.baselines.listHeading')}
        </h2>
        <div role="alert" className="field-error">
          {remove.isError ? (
            <ApiErrorText error={remove.error} lead={t('adminOps.baselines.deleteFailed')} />
          ) : null}
        </div>
        {baselines.isPending ? (
          <p role="status">{t('loading')}</p>
        ) : baselines.isError ? (
          <p role="alert">
            <ApiErrorText error={baselines.error} lead={t('adminOps.loadFailed')} />
          </p>
        ) : baselines.data.items.length === 0 ? (
          <p>{t('adminOps.baselines.empty')}</p>
        ) : (
          <table className="admin-ops-table">
            <thead>
              <tr>
                <th scope="col">{t('adminOps.baselines.label')}</th>
                <th scope="col">{t('adminOps.baselines.level')}</th>
                <th scope="col">{t('adminOps.baselines.what')}</th>
                <th scope="col">{t('adminOps.baselines.group')}</th>
                <th scope="col">{t('adminOps.baselines.minCount')}</th>
                <th scope="col">{t('adminOps.baselines.acceptableDepth')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('adminOps.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {baselines.data.items.map((b) => {
                const name = language === 'cy' ? b.labelCy : b.label
                return (
                  <tr key={b.id}>
                    <th scope="row">{name}</th>
                    <td>{label('levels', b.level)}</td>
                    <td>
                      {b.function
                        ? label('functions', b.function)
                        : b.topic
                          ? label('topics', b.topic)
                          : t('adminOps.baselines.anySupport')}
                    </td>
                    <td>{groupLabel(b.group)}</td>
                    <td>{b.minCount}</td>
                    <td>{label('levels', b.acceptableDepth)}</td>
                    <td className="admin-ops-actions">
                      <button type="button" className="button-small" onClick={() => setEditing(b)}>
                        {t('adminOps.baselines.edit', { name })}
                      </button>{' '}
                      <button
                        type="button"
                        className="button-small button-secondary"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(t('adminOps.baselines.confirmDelete', { name }))) {
                            remove.mutate(b.id, {
                              onSuccess: () => done(t('adminOps.baselines.deleted', { name })),
                            })
                          }
                        }}
                      >
                        {t('adminOps.baselines.delete', { name })}
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
        <button type="button" onClick={() => setEditing('new')}>
          {t('adminOps.baselines.add')}
        </button>
      </section>
      {editing ? (
        <BaselineForm
          key={editing === 'new' ? 'new' : editing.id}
          baseline={editing === 'new' ? null : editing}
          onDone={done}
          onCancel={() => {
            setEditing(null)
            listHeading.current?.focus()
          }}
        />
      ) : null}
    </>
  )
}

type FieldName = keyof BaselineFields

/** The server names the field in `details` (`[{ field, message }]`); show each next to its input. */
function fieldErrors(error: unknown): Partial<Record<FieldName, string>> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {}
  const out: Partial<Record<FieldName, string>> = {}
  for (const detail of error.details as Array<{ field?: unknown; path?: unknown; message?: unknown }>) {
    const field = String(detail.field ?? (Array.isArray(detail.path) ? detail.path[0] : '') ?? '')
    if (field && typeof detail.message === 'string') out[field as FieldName] = detail.message
  }
  return out
}

function BaselineForm({
  baseline,
  onDone,
  onCancel,
}: {
  baseline: Baseline | null
  onDone: (message: string) => void
  onCancel: () => void
}) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const save = useSaveBaseline()
  const taxonomy = useTaxonomy()
  const language = i18n.resolvedLanguage ?? 'en'
  const [fields, setFields] = useState<BaselineFields>(() => {
    if (!baseline) return blank
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = baseline
    return rest
  })
  const headingRef = useRef<HTMLHeadingElement>(null)
  const errors = fieldErrors(save.error)
  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  const set = <K extends FieldName>(field: K, value: BaselineFields[K]) =>
    setFields({ ...fields, [field]: value })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(
      { id: baseline?.id, version: baseline?.version, fields },
      {
        onSuccess: (saved) =>
          onDone(t('adminOps.baselines.saved', { name: language === 'cy' ? saved.labelCy : saved.label })),
      },
    )
  }

  const terms = (vocabulary: 'levels' | 'functions' | 'topics' | 'strands') =>
    (taxonomy.data?.[vocabulary] ?? []).map((term) => (
      <option key={term.code} value={term.code}>
        {termLabel(term, language)}
      </option>
    ))

  const described = (field: FieldName) => (errors[field] ? `${id}-${field}-error` : undefined)
  const errorFor = (field: FieldName) =>
    errors[field] ? (
      <span className="field-error" id={`${id}-${field}-error`} lang="en">
        {errors[field]}
      </span>
    ) : null
  const text = (field: 'key' | 'label' | 'labelCy', hint?: string) => (
    <>
      <label htmlFor={`${id}-${field}`}>{t(`adminOps.baselines.${field}`)}</label>
      {hint ? <span className="hint">{hint}</span> : null}
      {errorFor(field)}
      <input
        id={`${id}-${field}`}
        type="text"
        value={fields[field]}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={described(field)}
        onChange={(event) => set(field, event.target.value)}
      />
    </>
  )

  return (
    <section className="admin-ops-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {baseline
          ? t('adminOps.baselines.editHeading', {
              name: language === 'cy' ? baseline.labelCy : baseline.label,
            })
          : t('adminOps.baselines.addHeading')}
      </h2>
      <form onSubmit={submit} noValidate className="admin-ops-form">
        <div role="alert" className="field-error">
          {save.isError ? (
            <ApiErrorText error={save.error} lead={t('adminOps.baselines.saveFailed')} />
          ) : null}
        </div>
        {text('key', t('adminOps.baselines.keyHint'))}
        {text('label')}
        {text('labelCy')}
        <label htmlFor={`${id}-level`}>{t('adminOps.baselines.level')}</label>
        {errorFor('level')}
        <select id={`${id}-level`} value={fields.level} onChange={(e) => set('level', e.target.value)}>
          {terms('levels')}
        </select>
        <label htmlFor={`${id}-function`}>{t('adminOps.baselines.function')}</label>
        <span className="hint">{t('adminOps.baselines.facetHint')}</span>
        {errorFor('function')}
        <select
          id={`${id}-function`}
          value={fields.function ?? ''}
          aria-describedby={described('function')}
          onChange={(e) => set('function', e.target.value || null)}
        >
          <option value="">{t('adminOps.baselines.none')}</option>
          {terms('functions')}
        </select>
        <label htmlFor={`${id}-topic`}>{t('adminOps.baselines.topic')}</label>
        {errorFor('topic')}
        <select
          id={`${id}-topic`}
          value={fields.topic ?? ''}
          aria-invalid={errors.topic ? true : undefined}
          aria-describedby={described('topic')}
          onChange={(e) => set('topic', e.target.value || null)}
        >
          <option value="">{t('adminOps.baselines.none')}</option>
          {terms('topics')}
        </select>
        <label htmlFor={`${id}-group`}>{t('adminOps.baselines.group')}</label>
        <select id={`${id}-group`} value={fields.group} onChange={(e) => set('group', e.target.value)}>
          <option value="any">{t('adminOps.baselines.groups.any')}</option>
          <option value="generalist">{t('adminOps.baselines.groups.generalist')}</option>
          {terms('strands')}
        </select>
        <label htmlFor={`${id}-minCount`}>{t('adminOps.baselines.minCount')}</label>
        {errorFor('minCount')}
        <input
          id={`${id}-minCount`}
          type="number"
          min={1}
          max={1000}
          step={1}
          value={fields.minCount}
          aria-invalid={errors.minCount ? true : undefined}
          aria-describedby={described('minCount')}
          onChange={(e) => set('minCount', Number(e.target.value))}
        />
        <label htmlFor={`${id}-depth`}>{t('adminOps.baselines.acceptableDepth')}</label>
        <select
          id={`${id}-depth`}
          value={fields.acceptableDepth}
          onChange={(e) => set('acceptableDepth', e.target.value)}
        >
          {terms('levels')}
        </select>
        <label htmlFor={`${id}-source`}>{t('adminOps.baselines.source')}</label>
        {errorFor('source')}
        <textarea
          id={`${id}-source`}
          rows={2}
          value={fields.source ?? ''}
          onChange={(e) => set('source', e.target.value.trim() ? e.target.value : null)}
        />
        <div className="admin-ops-actions">
          <button type="submit" disabled={save.isPending}>
            {t('adminOps.baselines.save')}
          </button>{' '}
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('adminOps.baselines.cancel')}
          </button>
        </div>
      </form>
    </section>
  )
}
