import { useId } from 'react'
import { fieldMessage } from '@/lib/forms'
import { emptyPair, type PairRow } from '../productForm'

/**
 * Editable name/value rows for a map (a product's attributes, a variant's
 * options): every input has its own label ("Attribute 1 name"), the group's
 * error is tied to the fieldset, and incomplete rows are marked invalid.
 */
export function PairRows({
  legend,
  item,
  rows,
  onChange,
  error,
  disabled,
}: {
  legend: string
  /** One row's name: "Attribute", "Option". */
  item: string
  rows: PairRow[]
  onChange: (rows: PairRow[]) => void
  error?: string
  disabled?: boolean
}) {
  const id = useId()
  const errorId = error ? `${id}-error` : undefined
  const incomplete = (row: PairRow) => !row.key.trim() !== !row.value.trim()
  const anyIncomplete = rows.some(incomplete)
  const invalid = (row: PairRow, half: 'key' | 'value') =>
    Boolean(error) && (anyIncomplete ? incomplete(row) && !row[half].trim() : true)
  const set = (uid: string, patch: Partial<PairRow>) =>
    onChange(rows.map((row) => (row.uid === uid ? { ...row, ...patch } : row)))
  const lower = item.toLowerCase()

  return (
    <fieldset className="pairs" aria-describedby={errorId} data-invalid={error ? 'true' : undefined}>
      <legend>{legend}</legend>
      {rows.length === 0 && <p className="field-hint">None yet.</p>}
      {rows.length > 0 && (
        <ul className="pairs__rows">
          {rows.map((row, i) => (
            <li key={row.uid} className="pairs__row">
              <label className="visually-hidden" htmlFor={`${id}-${row.uid}-key`}>
                {item} {i + 1} name
              </label>
              <input
                id={`${id}-${row.uid}-key`}
                placeholder="Name"
                value={row.key}
                disabled={disabled}
                aria-invalid={invalid(row, 'key') ? 'true' : undefined}
                aria-describedby={errorId}
                onChange={(event) => set(row.uid, { key: event.target.value })}
              />
              <label className="visually-hidden" htmlFor={`${id}-${row.uid}-value`}>
                {item} {i + 1} value
              </label>
              <input
                id={`${id}-${row.uid}-value`}
                placeholder="Value"
                value={row.value}
                disabled={disabled}
                aria-invalid={invalid(row, 'value') ? 'true' : undefined}
                aria-describedby={errorId}
                onChange={(event) => set(row.uid, { value: event.target.value })}
              />
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={disabled}
                onClick={() => onChange(rows.filter((r) => r.uid !== row.uid))}
              >
                Remove{' '}
                <span className="visually-hidden">
                  {lower} {i + 1}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {fieldMessage(legend, error)}
        </p>
      )}
      <p>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={disabled}
          onClick={() => onChange([...rows, emptyPair()])}
        >
          Add {lower}
        </button>
      </p>
    </fieldset>
  )
}
