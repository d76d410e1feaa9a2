import { useState } from 'react'
import { FormStatus } from '@/components/form'
import { describeError } from '@/lib/forms'
import { formatMoney } from '@/lib/money'
import { useAdminDeleteDiscount } from '../api/adminDeleteDiscount'
import { useAdminDiscounts } from '../api/adminListDiscounts'
import { useAdminUpdateDiscount } from '../api/adminUpdateDiscount'
import { formatDiscountValue, formatLimits, formatWindow } from '../discounts'
import type { Discount } from '../types'
import { AdminDiscountForm } from './AdminDiscountForm'

/** /admin/discounts (staff, admins): the codes, a form for a new one, editing, (de)activating and deleting. */
export function AdminDiscountsPage() {
  const { data: discounts } = useAdminDiscounts()
  const [editing, setEditing] = useState<string | null>(null)
  const [status, setStatus] = useState<string>()

  return (
    <section className="page admin-discounts" data-testid="admin-discounts">
      <h1>Discount codes</h1>
      <FormStatus message={status} />
      {discounts.length === 0 ? (
        <p>No discount codes yet.</p>
      ) : (
        <ul className="discount-list">
          {discounts.map((discount) => (
            <li key={discount.id}>
              {editing === discount.id ? (
                <AdminDiscountForm
                  discount={discount}
                  onDone={(saved) => {
                    setEditing(null)
                    setStatus(`Saved ${saved.code}.`)
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <DiscountCard discount={discount} onEdit={() => setEditing(discount.id)} onStatus={setStatus} />
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="card">
        <AdminDiscountForm onDone={(saved) => setStatus(`Created ${saved.code}.`)} />
      </div>
    </section>
  )
}

function DiscountCard({
  discount,
  onEdit,
  onStatus,
}: {
  discount: Discount
  onEdit: () => void
  onStatus: (message: string) => void
}) {
  const update = useAdminUpdateDiscount()
  const remove = useAdminDeleteDiscount()
  const [confirming, setConfirming] = useState(false)
  const headingId = `discount-${discount.id}`
  const error = update.error ?? remove.error

  function setActive(active: boolean) {
    update.mutate(
      { id: discount.id, active },
      { onSuccess: (saved) => onStatus(`${saved.code} is ${saved.active ? 'active' : 'inactive'} now.`) },
    )
  }

  return (
    <article className="discount-card" aria-labelledby={headingId} data-testid="discount-card">
      <h2 id={headingId} className="discount-card__code">
        {discount.code}
        <span className={discount.active ? 'badge' : 'badge badge--off'}>{discount.active ? 'Active' : 'Inactive'}</span>
      </h2>
      <dl className="discount-card__facts">
        <div>
          <dt>Discount</dt>
          <dd data-testid="discount-value">{formatDiscountValue(discount)}</dd>
        </div>
        <div>
          <dt>Minimum subtotal</dt>
          <dd>
            {discount.min_subtotal > 0
              ? formatMoney({ amount: discount.min_subtotal, currency: discount.currency })
              : 'None'}
          </dd>
        </div>
        <div>
          <dt>Valid</dt>
          <dd>{formatWindow(discount)}</dd>
        </div>
        <div>
          <dt>Limits</dt>
          <dd>{formatLimits(discount)}</dd>
        </div>
        <div>
          <dt>Used</dt>
          <dd data-testid="discount-used">
            {discount.used} {discount.used === 1 ? 'time' : 'times'}
          </dd>
        </div>
      </dl>
      {error && (
        <p className="form-alert" role="alert">
          {describeError(error)}
        </p>
      )}
      {confirming ? (
        <div className="actions" role="group" aria-label={`Confirm deleting ${discount.code}`}>
          <span>Delete {discount.code}?</span>
          <button
            type="button"
            className="button button--danger"
            aria-label={`Yes, delete ${discount.code}`}
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(discount.id, {
                onSuccess: () => onStatus(`Deleted ${discount.code}.`),
                onSettled: () => setConfirming(false),
              })
            }
          >
            Yes, delete
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button button--secondary" aria-label={`Edit ${discount.code}`} onClick={onEdit}>
            Edit
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-label={`${discount.active ? 'Deactivate' : 'Activate'} ${discount.code}`}
            disabled={update.isPending}
            onClick={() => setActive(!discount.active)}
          >
            {discount.active ? 'Deactivate' : 'Activate'}
          </button>
          {/* A used code cannot be deleted (its orders refer to it); deactivating it is the way. */}
          {discount.used === 0 && (
            <button
              type="button"
              className="button button--secondary"
              aria-label={`Delete ${discount.code}`}
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          )}
        </div>
      )}
    </article>
  )
}
