import { createFileRoute, redirect, useNavigate } from '@tanstack/react-router'
import { meQueryOptions } from '@/features/accounts/api/getMe'
import { SignInPage } from '@/features/accounts/components/SignInPage'
import { safeRedirect } from '@/features/accounts/session'

interface SignInSearch {
  /** Where to go after signing in (a same-site path); /account by default. */
  redirect?: string
  /** Set by the reset-password page after a successful reset. */
  notice?: 'password-reset'
}

export const Route = createFileRoute('/sign-in')({
  validateSearch: (search: Record<string, unknown>): SignInSearch => ({
    redirect: safeRedirect(search.redirect),
    notice: search.notice === 'password-reset' ? 'password-reset' : undefined,
  }),
  // Already signed in: nothing to do here.
  beforeLoad: async ({ context, search }) => {
    const user = await context.queryClient.ensureQueryData(meQueryOptions()).catch(() => null)
    if (user) throw redirect({ href: search.redirect ?? '/account', replace: true })
  },
  component: SignInRoute,
})

function SignInRoute() {
  const { redirect: target, notice } = Route.useSearch()
  const navigate = useNavigate()
  return (
    <SignInPage
      redirect={target}
      notice={notice}
      onSignedIn={() => void navigate({ href: target ?? '/account', replace: true })}
    />
  )
}
