import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CircleMarker, useMap, useMapEvents } from 'react-leaflet'
import { BaseMap } from '../../../components/map/base-map'
import { ApiError, api } from '../../../lib/api-client'

type Office = { lng: number; lat: number }

interface OfficeEditorProps {
  office: Office | null
  error: string
  onChange: (office: Office | null) => void
}

/** Postcode centroids carry five decimals; a click on the map is kept to the same (about a metre). */
const round5 = (n: number) => Math.round(n * 1e5) / 1e5

/**
 * The office location: by postcode (GET /api/geo/postcodes/{postcode}, the keyboard path) or by
 * clicking the small map, which places the marker there. Saved with the record (Save changes).
 */
export function OfficeEditor({ office, error, onChange }: OfficeEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const [postcode, setPostcode] = useState('')
  const [status, setStatus] = useState('')
  const [lookupError, setLookupError] = useState('')
  const [busy, setBusy] = useState(false)

  // A <form> cannot sit inside the record's form: the postcode lookup is a button, Enter included.
  const find = async (event?: FormEvent) => {
    event?.preventDefault()
    const wanted = postcode.trim()
    if (!wanted) return
    setBusy(true)
    setStatus(t('admin.record.office.finding'))
    setLookupError('')
    try {
      const answer = await api.get<{ postcode: string; location: Office }>(
        `/geo/postcodes/${encodeURIComponent(wanted)}`,
      )
      onChange({ lng: answer.location.lng, lat: answer.location.lat })
      setStatus(t('admin.record.office.found', { postcode: answer.postcode }))
    } catch (err) {
      setStatus('')
      setLookupError(
        err instanceof ApiError && err.status === 404
          ? t('admin.record.office.notFound', { postcode: wanted })
          : err instanceof Error
            ? err.message
            : String(err),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <fieldset className="admin-fieldset" aria-describedby={`${id}-intro`}>
      <legend>{t('admin.record.office.legend')}</legend>
      <p id={`${id}-intro`} className="hint">
        {t('admin.record.office.intro')}
      </p>
      {error ? <p className="field-error">{error}</p> : null}
      <div className="admin-field">
        <label htmlFor={`${id}-postcode`}>{t('admin.record.office.postcode')}</label>
        {lookupError ? (
          <span id={`${id}-postcode-error`} className="field-error">
            {lookupError}
          </span>
        ) : null}
        <div className="admin-office-find">
          <input
            id={`${id}-postcode`}
            type="text"
            autoComplete="postal-code"
            value={postcode}
            aria-invalid={lookupError ? true : undefined}
            aria-describedby={lookupError ? `${id}-postcode-error` : undefined}
            onChange={(e) => setPostcode(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                void find()
              }
            }}
          />
          <button type="button" onClick={() => void find()} disabled={busy}>
            {t('admin.record.office.find')}
          </button>
        </div>
      </div>
      <p role="status" className="admin-office-status">
        {status}
      </p>
      <p>
        {office
          ? t('admin.record.office.at', { lat: office.lat.toFixed(5), lng: office.lng.toFixed(5) })
          : t('admin.record.office.none')}
      </p>
      {office ? (
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            onChange(null)
            setStatus('')
          }}
        >
          {t('admin.record.office.remove')}
        </button>
      ) : null}
      <p id={`${id}-map-hint`} className="hint">
        {t('admin.record.office.mapHint')}
      </p>
      <section
        className="admin-map admin-office-map"
        aria-label={t('admin.record.office.mapLabel')}
        aria-describedby={`${id}-map-hint`}
      >
        <BaseMap>
          <PlaceOnClick onPlace={(next) => onChange(next)} />
          {office ? (
            <>
              <CircleMarker
                center={[office.lat, office.lng]}
                radius={8}
                pathOptions={{ color: '#1d4f91', weight: 3, fillColor: '#ffffff', fillOpacity: 1 }}
                interactive={false}
              />
              <FollowOffice office={office} />
            </>
          ) : null}
        </BaseMap>
      </section>
    </fieldset>
  )
}

function PlaceOnClick({ onPlace }: { onPlace: (office: Office) => void }) {
  useMapEvents({
    click: (event) => onPlace({ lng: round5(event.latlng.lng), lat: round5(event.latlng.lat) }),
  })
  return null
}

/** Keeps the office in view: centred at street-ish zoom when it moves. */
function FollowOffice({ office }: { office: Office }) {
  const map = useMap()
  useEffect(() => {
    map.setView([office.lat, office.lng], Math.max(map.getZoom(), 12))
  }, [map, office.lat, office.lng])
  return null
}
