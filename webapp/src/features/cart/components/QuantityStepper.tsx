import { useState, type KeyboardEvent } from 'react'

/** The API's limit per line. */
export const MAX_QUANTITY = 99

/**
 * − [ n ] +: the buttons step by one, the field takes a typed number when it
 * loses focus or on Enter (anything that is not a number in range goes back
 * to the current value). `name` makes the labels unique on a list
 * ("Quantity of Kestrel Oxford Shirt").
 */
export function QuantityStepper({
  value,
  max,
  name,
  disabled,
  onStep,
  onCommit,
}: {
  value: number
  /** At least 1; the API never allows more than 99. */
  max: number
  name?: string
  disabled?: boolean
  onStep: (delta: 1 | -1) => void
  onCommit: (value: number) => void
}) {
  const limit = Math.max(1, Math.min(max, MAX_QUANTITY))
  const [text, setText] = useState(String(value))
  const [shown, setShown] = useState(value)
  // The quantity changed from outside (a step, the server's answer): show it.
  if (shown !== value) {
    setShown(value)
    setText(String(value))
  }
  const of = name ? ` of ${name}` : ''

  function commit() {
    const typed = Number(text.trim())
    if (!Number.isInteger(typed) || typed < 1) return setText(String(value))
    const next = Math.min(typed, limit)
    setText(String(next))
    if (next !== value) onCommit(next)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault()
      commit()
    }
  }

  return (
    <div className="stepper" role="group" aria-label={`Quantity${of}`}>
      <button
        type="button"
        className="stepper__button"
        aria-label={`Decrease quantity${of}`}
        disabled={disabled || value <= 1}
        onClick={() => onStep(-1)}
      >
        <span aria-hidden="true">−</span>
      </button>
      <input
        className="stepper__input"
        type="number"
        inputMode="numeric"
        min={1}
        max={limit}
        aria-label={`Quantity${of}`}
        value={text}
        disabled={disabled}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className="stepper__button"
        aria-label={`Increase quantity${of}`}
        disabled={disabled || value >= limit}
        onClick={() => onStep(1)}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  )
}
