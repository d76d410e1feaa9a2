import { useState } from 'react'
import { describeError } from '@/lib/forms'
import { useDeleteAddress } from '../api/deleteAddress'
import { useAddresses } from '../api/listAddresses'
import { useUpdateAddress } from '../api/updateAddress'
import type { Address } from '../types'
import { AddressForm } from './AddressForm'

/** The user's addresses: list, add, edit, delete, choose the default shipping address. */
export function AddressBook() {
  const { data: addresses } = useAddresses()
  // Which form is open: an address id, 'new', or none.
  const [editing, setEditing] = useState<string | null>(null)

  return (
    <section className="card addresses" aria-labelledby="addresses-heading" data-testid="addresses">
      <h2 id="addresses-heading">Addresses</h2>
      {addresses.length === 0 && editing !== 'new' && <p>You have no saved addresses yet.</p>}
      {addresses.length > 0 && (
        <ul className="address-list">
          {addresses.map((address) => (
            <li key={address.id}>
              {editing === address.id ? (
                <AddressForm address={address} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
              ) : (
                <AddressCard address={address} onEdit={() => setEditing(address.id)} />
              )}
            </li>
          ))}
        </ul>
      )}
      {editing === 'new' ? (
        <AddressForm onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
      ) : (
        <p>
          <button type="button" className="button" onClick={() => setEditing('new')}>
            Add an address
          </button>
        </p>
      )}
    </section>
  )
}

function AddressCard({ address, onEdit }: { address: Address; onEdit: () => void }) {
  const remove = useDeleteAddress()
  const update = useUpdateAddress()
  const [confirming, setConfirming] = useState(false)
  const headingId = `address-${address.id}`
  const error = remove.error ?? update.error
  const which = (
    <span className="visually-hidden">
      {' '}
      {address.name}, {address.line1}
    </span>
  )

  return (
    <article className="address-card" aria-labelledby={headingId} data-testid="address-card">
      <h3 id={headingId}>{address.name}</h3>
      {address.is_default_shipping && <p className="badge">Default shipping address</p>}
      <address>
        {address.line1}
        <br />
        {address.line2 && (
          <>
            {address.line2}
            <br />
          </>
        )}
        {address.postal_code} {address.city}
        <br />
        {address.region && <>{address.region}, </>}
        {address.country}
        {address.phone && (
          <>
            <br />
            {address.phone}
          </>
        )}
      </address>
      {error && (
        <p className="form-alert" role="alert">
          {describeError(error)}
        </p>
      )}
      {confirming ? (
        <div className="actions" role="group" aria-label="Confirm deletion">
          <span>Delete this address?</span>
          <button
            type="button"
            className="button button--danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(address.id, { onSettled: () => setConfirming(false) })}
          >
            Yes, delete{which}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={onEdit}>
            Edit{which}
          </button>
          {!address.is_default_shipping && (
            <button
              type="button"
              className="button button--secondary"
              disabled={update.isPending}
              onClick={() => update.mutate({ id: address.id, is_default_shipping: true })}
            >
              Make default{which}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            Delete{which}
          </button>
        </div>
      )}
    </article>
  )
}
