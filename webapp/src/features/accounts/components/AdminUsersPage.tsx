import { Suspense, useDeferredValue, useEffect, useState } from 'react'
import { Checkbox, FormStatus } from '@/components/form'
import { isApiError } from '@/lib/api'
import { describeError, sentence } from '@/lib/forms'
import { useAdminUpdateUser } from '../api/adminUpdateUser'
import { useAdminUsers } from '../api/adminListUsers'
import { roles as allRoles, type Role, type User } from '../types'

export const SEARCH_DEBOUNCE_MS = 300

const roleLabels: Record<Role, string> = { customer: 'Customer', staff: 'Staff', admin: 'Admin' }

/**
 * The admin user list. `q` is the search term from the URL; typing calls
 * `onSearch` once the user pauses, and the route puts the term in the URL.
 */
export function AdminUsersPage({
  q,
  onSearch,
  currentUserId,
}: {
  q: string
  onSearch: (q: string) => void
  currentUserId: string
}) {
  const [text, setText] = useState(q)
  const [shownQ, setShownQ] = useState(q)
  // The URL changed from elsewhere (back button, a link): show its term.
  if (q !== shownQ) {
    setShownQ(q)
    if (text.trim() !== q) setText(q)
  }

  useEffect(() => {
    const term = text.trim()
    if (term === q) return
    const timer = setTimeout(() => onSearch(term), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, q, onSearch])

  // Keep the current results on screen while the next search loads.
  const listQ = useDeferredValue(q)

  return (
    <section className="page admin-users" data-testid="admin-users">
      <h1>Users</h1>
      <form role="search" className="search-form" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="user-search">Search users</label>
        <input
          id="user-search"
          type="search"
          placeholder="Email or name"
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </form>
      <Suspense fallback={<p role="status">Loading users…</p>}>
        <UserList q={listQ} stale={listQ !== q} currentUserId={currentUserId} />
      </Suspense>
    </section>
  )
}

function UserList({ q, stale, currentUserId }: { q: string; stale: boolean; currentUserId: string }) {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage, error } = useAdminUsers(q)
  const users = data.pages.flatMap((page) => page.items)

  return (
    <div className="user-list" aria-busy={stale || undefined} data-stale={stale || undefined}>
      <p className="user-count" role="status">
        {users.length === 0
          ? q
            ? `No users match “${q}”.`
            : 'No users yet.'
          : `Showing ${users.length} user${users.length === 1 ? '' : 's'}${q ? ` matching “${q}”` : ''}.`}
      </p>
      <ul className="user-rows">
        {users.map((user) => (
          <li key={user.id}>
            <UserRow user={user} isSelf={user.id === currentUserId} />
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-alert" role="alert">
          {describeError(error)}
        </p>
      )}
      {hasNextPage && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={isFetchingNextPage}
            onClick={() => void fetchNextPage()}
          >
            Load more
          </button>
        </p>
      )}
    </div>
  )
}

/** A 422's field message (e.g. errors.roles) if it has one, else the problem's detail. */
function roleError(error: Error): string {
  const fieldMessage = isApiError(error) ? Object.values(error.fieldErrors)[0] : undefined
  return fieldMessage ? sentence(fieldMessage) : describeError(error)
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role))

function UserRow({ user, isSelf }: { user: User; isSelf: boolean }) {
  const update = useAdminUpdateUser()
  // The roles being edited; null while they are the server's.
  const [draft, setDraft] = useState<Role[] | null>(null)
  const selected = draft ?? user.roles
  const dirty = draft !== null && !sameRoles(draft, user.roles)
  const headingId = `user-${user.id}`

  function toggle(role: Role, on: boolean) {
    update.reset()
    setDraft(allRoles.filter((r) => (r === role ? on : selected.includes(r))))
  }

  function save() {
    update.mutate({ id: user.id, roles: selected }, { onSuccess: () => setDraft(null) })
  }

  const failure = update.error ? roleError(update.error) : undefined

  return (
    <article className="user-row" aria-labelledby={headingId} data-testid="user-row">
      <div className="user-row__who">
        <h2 id={headingId} className="user-row__name">
          {user.name}
          {isSelf && (
            <>
              {' '}
              <span className="badge">You</span>
            </>
          )}
        </h2>
        <p className="user-row__email">{user.email}</p>
        <p className="user-row__since">Since {new Date(user.created_at).toLocaleDateString()}</p>
      </div>
      <form
        className="user-row__roles"
        aria-label={`Roles of ${user.email}`}
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
      >
        <fieldset>
          <legend className="visually-hidden">Roles of {user.email}</legend>
          {allRoles.map((role) => (
            <Checkbox
              key={role}
              label={roleLabels[role]}
              name={role}
              checked={selected.includes(role)}
              disabled={update.isPending}
              onChange={(event) => toggle(role, event.target.checked)}
            />
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={!dirty || update.isPending}>
          Save<span className="visually-hidden"> roles of {user.email}</span>
        </button>
        <FormStatus message={update.isSuccess && !dirty ? 'Roles saved.' : undefined} />
        {failure && (
          <p className="form-alert" role="alert">
            {failure}
          </p>
        )}
      </form>
    </article>
  )
}
