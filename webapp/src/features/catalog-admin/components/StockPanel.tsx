import { useId, useState, type FormEvent } from 'react'
import { Field, FormAlert, FormStatus, SubmitButton } from '@/components/form'
import { describeError, useForm } from '@/lib/forms'
import { useAdminAdjustStock } from '../api/adminAdjustStock'
import { useAdminMovements } from '../api/adminListMovements'
import type { AdminVariant, Movement } from '../types'

export const stockReasons = ['Stock count', 'Delivery received', 'Damaged', 'Returned', 'Correction']

/** A variant's stock: on hand and reserved, "Adjust stock" (change + reason) and the history. */
export function StockPanel({ productId, variant }: { productId: string; variant: AdminVariant }) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const available = Math.max(0, variant.on_hand - variant.reserved)

  return (
    <section className="stock-panel" aria-label={`Stock of ${variant.sku}`}>
      <dl className="stock-figures">
        <div>
          <dt>On hand</dt>
          <dd data-testid="on-hand">{variant.on_hand}</dd>
        </div>
        <div>
          <dt>Reserved</dt>
          <dd data-testid="reserved">{variant.reserved}</dd>
        </div>
        <div>
          <dt>Available</dt>
          <dd data-testid="available">{available}</dd>
        </div>
      </dl>
      <p>
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
        >
          Adjust stock <span className="visually-hidden">of {variant.sku}</span>
        </button>
      </p>
      <div id={panelId} hidden={!open} className="stock-panel__body">
        {open && (
          <>
            <AdjustStockForm productId={productId} variant={variant} />
            <MovementHistory variantId={variant.id} />
          </>
        )}
      </div>
    </section>
  )
}

function AdjustStockForm({ productId, variant }: { productId: string; variant: AdminVariant }) {
  const adjust = useAdminAdjustStock()
  const form = useForm({ delta: '', reason: '' })
  const listId = useId()
  const [done, setDone] = useState<string>()

  function submit(event: FormEvent) {
    event.preventDefault()
    setDone(undefined)
    const delta = form.values.delta.trim().replace(/^\+/, '').replace('−', '-')
    const reason = form.values.reason.trim()
    const errors: { delta?: string; reason?: string } = {}
    if (!/^-?\d+$/.test(delta) || Number(delta) === 0) errors.delta = 'Enter a whole number other than 0, such as 10 or -3.'
    else if (Math.abs(Number(delta)) > 1_000_000) errors.delta = 'must be within ±1000000'
    if (!reason) errors.reason = 'is required'
    if (errors.delta || errors.reason) return form.fail(errors)
    form.clearErrors()
    adjust.mutate(
      { productId, adjustment: { variant_id: variant.id, delta: Number(delta), reason } },
      {
        onSuccess: (updated) => {
          form.setValues({ delta: '', reason: '' })
          setDone(`Stock adjusted. On hand: ${updated.on_hand}.`)
        },
        onError: (error) => form.failWith(error),
      },
    )
  }

  return (
    <form id={form.formId} className="form stock-form" aria-label={`Adjust stock of ${variant.sku}`} noValidate onSubmit={submit}>
      <FormAlert message={form.formError} />
      <div className="field-row">
        <Field
          label="Change"
          {...form.bind('delta')}
          className="field--short"
          inputMode="numeric"
          autoComplete="off"
          placeholder="10 or -3"
          hint="Add with a positive number, remove with a negative one."
          error={form.errors.delta}
          disabled={adjust.isPending}
        />
        <Field
          label="Reason"
          {...form.bind('reason')}
          list={listId}
          autoComplete="off"
          error={form.errors.reason}
          disabled={adjust.isPending}
        />
        <datalist id={listId}>
          {stockReasons.map((reason) => (
            <option key={reason} value={reason} />
          ))}
        </datalist>
      </div>
      <div className="form-actions">
        <SubmitButton pending={adjust.isPending}>{adjust.isPending ? 'Applying…' : 'Apply adjustment'}</SubmitButton>
        <FormStatus message={done} />
      </div>
    </form>
  )
}

const signed = (n: number) => (n > 0 ? `+${n}` : `−${Math.abs(n)}`)

/** Newest first; the server sends them so, ties keep its order. */
const newestFirst = (items: Movement[]) =>
  items
    .map((m, i) => ({ m, i, t: Date.parse(m.created_at) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map(({ m }) => m)

function MovementHistory({ variantId }: { variantId: string }) {
  const { data, error, isPending } = useAdminMovements(variantId)
  if (isPending) return <p role="status">Loading the stock history…</p>
  if (error) {
    return (
      <p className="form-alert" role="alert">
        We could not load the stock history. {describeError(error)}
      </p>
    )
  }
  const items = newestFirst(data.items)
  if (items.length === 0) return <p className="field-hint">No stock movements yet.</p>
  return (
    <div className="table-scroll">
      <table className="movements" data-testid="movements">
        <caption>Stock history, latest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">Reason</th>
            <th scope="col">Reference</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id}>
              <td>
                <time dateTime={m.created_at}>{new Date(m.created_at).toLocaleString()}</time>
              </td>
              <td className={m.delta > 0 ? 'delta delta--in' : 'delta delta--out'}>{signed(m.delta)}</td>
              <td>{m.reason}</td>
              <td>{m.reference || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
