import { Link, useNavigate } from '@tanstack/react-router'
import { useUiStore } from '@/lib/ui'
import { useMeInHeader } from '../api/getMe'
import { useLogout } from '../api/logout'
import { canSeeAdmin } from '../session'

/**
 * The header's account items (list items of the main navigation): Sign in /
 * Sign up for visitors; the Admin link (staff and admins), the user's name,
 * Account and Sign out for signed-in users.
 */
export function AccountNav() {
  const { data: user } = useMeInHeader()
  const logout = useLogout()
  const navigate = useNavigate()
  const closeMenu = useUiStore((s) => s.closeMobileNav)

  // Still loading, or /api/me failed: show no account links rather than wrong ones.
  if (user === undefined) return null

  if (user === null) {
    return (
      <>
        <li className="site-nav__account">
          <Link to="/sign-in" onClick={closeMenu}>
            Sign in
          </Link>
        </li>
        <li>
          <Link to="/sign-up" onClick={closeMenu}>
            Sign up
          </Link>
        </li>
      </>
    )
  }

  return (
    <>
      {canSeeAdmin(user) && (
        <li>
          <Link to="/admin" onClick={closeMenu}>
            Admin
          </Link>
        </li>
      )}
      <li className="site-nav__account">
        <span className="site-nav__user" data-testid="header-user" title={user.email}>
          <span className="visually-hidden">Signed in as </span>
          {user.name}
        </span>
      </li>
      <li>
        <Link to="/account" onClick={closeMenu}>
          Account
        </Link>
      </li>
      <li>
        <button
          type="button"
          className="site-nav__button"
          disabled={logout.isPending}
          onClick={() =>
            logout.mutate(undefined, {
              onSuccess: () => {
                closeMenu()
                void navigate({ to: '/' })
              },
            })
          }
        >
          Sign out
        </button>
      </li>
    </>
  )
}
