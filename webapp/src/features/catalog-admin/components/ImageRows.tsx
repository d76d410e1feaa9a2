import { useId } from 'react'
import { fieldMessage } from '@/lib/forms'
import { emptyImage, type ImageRow } from '../productForm'

const previewable = (url: string) => /^(https:\/\/|\/)\S+$/.test(url.trim())

/** A product's pictures: URL and alt text per row, with a preview of each. */
export function ImageRows({
  rows,
  onChange,
  error,
  disabled,
}: {
  rows: ImageRow[]
  onChange: (rows: ImageRow[]) => void
  error?: string
  disabled?: boolean
}) {
  const id = useId()
  const errorId = error ? `${id}-error` : undefined
  const set = (uid: string, patch: Partial<ImageRow>) =>
    onChange(rows.map((row) => (row.uid === uid ? { ...row, ...patch } : row)))
  const badUrl = (row: ImageRow) => Boolean(error) && !previewable(row.url)

  return (
    <fieldset className="pairs images" aria-describedby={errorId} data-invalid={error ? 'true' : undefined}>
      <legend>Pictures</legend>
      {rows.length === 0 && <p className="field-hint">No pictures yet.</p>}
      {rows.length > 0 && (
        <ul className="images__rows">
          {rows.map((row, i) => (
            <li key={row.uid} className="images__row">
              <div className="images__preview" aria-hidden="true">
                {previewable(row.url) ? <img src={row.url.trim()} alt="" loading="lazy" /> : <span>No preview</span>}
              </div>
              <div className="images__fields">
                <label htmlFor={`${id}-${row.uid}-url`}>Picture {i + 1} URL</label>
                <input
                  id={`${id}-${row.uid}-url`}
                  inputMode="url"
                  placeholder="https://… or /path"
                  value={row.url}
                  disabled={disabled}
                  aria-invalid={badUrl(row) ? 'true' : undefined}
                  aria-describedby={errorId}
                  onChange={(event) => set(row.uid, { url: event.target.value })}
                />
                <label htmlFor={`${id}-${row.uid}-alt`}>Picture {i + 1} alt text</label>
                <input
                  id={`${id}-${row.uid}-alt`}
                  placeholder="What the picture shows"
                  value={row.alt}
                  disabled={disabled}
                  aria-describedby={errorId}
                  onChange={(event) => set(row.uid, { alt: event.target.value })}
                />
              </div>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={disabled}
                onClick={() => onChange(rows.filter((r) => r.uid !== row.uid))}
              >
                Remove <span className="visually-hidden">picture {i + 1}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {fieldMessage('Pictures', error)}
        </p>
      )}
      <p>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={disabled}
          onClick={() => onChange([...rows, emptyImage()])}
        >
          Add picture
        </button>
      </p>
    </fieldset>
  )
}
