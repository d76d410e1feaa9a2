import { Link } from '@tanstack/react-router'
import { useMe } from '../api/getMe'
import { AddressBook } from './AddressBook'
import { ChangePasswordForm } from './ChangePasswordForm'
import { ProfileForm } from './ProfileForm'
import { SignedOut } from './SignedOut'

export function AccountPage() {
  const { data: user } = useMe()
  if (!user) return <SignedOut />

  return (
    <section className="page account" data-testid="account">
      <h1>Your account</h1>
      <nav aria-label="Account" className="account-links">
        <Link to="/account/orders">My orders</Link>
      </nav>
      <div className="account-grid">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <ProfileForm user={user} />
        </section>
        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">Change password</h2>
          <ChangePasswordForm email={user.email} />
        </section>
      </div>
      <AddressBook />
    </section>
  )
}
