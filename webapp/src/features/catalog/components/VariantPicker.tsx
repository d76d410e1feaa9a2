import { useId } from 'react'
import type { Variant } from '../types'
import { choose, findVariant, optionLabel, optionNames, optionValues, type Selection } from '../variants'

/**
 * One group of choices per option (size, colour, ...): native radio buttons,
 * so arrow keys move within a group. Values that do not exist together with
 * the other choices stay selectable and switch those choices to a variant that
 * does; they are marked, as are choices that are sold out.
 */
export function VariantPicker({
  variants,
  selection,
  onChange,
}: {
  variants: Variant[]
  selection: Selection
  onChange: (selection: Selection) => void
}) {
  const id = useId()
  const names = optionNames(variants)
  if (names.length === 0) return null

  return (
    <div className="variant-picker" data-testid="variant-picker">
      {names.map((name) => (
        <fieldset key={name} className="variant-picker__option">
          <legend>
            {optionLabel(name)}: <strong>{selection[name]}</strong>
          </legend>
          <div className="variant-picker__values">
            {optionValues(variants, name).map((value) => {
              const inputId = `${id}-${name}-${value}`
              const match = findVariant(variants, { ...selection, [name]: value })
              const soldOut = match !== undefined && match.stock_available <= 0
              return (
                <span key={value} className="variant-picker__value">
                  <input
                    type="radio"
                    id={inputId}
                    name={`${id}-${name}`}
                    value={value}
                    checked={selection[name] === value}
                    onChange={() => onChange(choose(variants, selection, name, value))}
                  />
                  <label htmlFor={inputId} data-unavailable={!match || undefined} data-sold-out={soldOut || undefined}>
                    {value}
                  </label>
                </span>
              )
            })}
          </div>
        </fieldset>
      ))}
    </div>
  )
}

