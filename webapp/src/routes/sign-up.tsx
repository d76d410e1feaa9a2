import { createFileRoute, redirect, useNavigate } from '@tanstack/react-router'
import { meQueryOptions } from '@/features/accounts/api/getMe'
import { SignUpPage } from '@/features/accounts/components/SignUpPage'
import { safeRedirect } from '@/features/accounts/session'

export const Route = createFileRoute('/sign-up')({
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: safeRedirect(search.redirect),
  }),
  beforeLoad: async ({ context, search }) => {
    const user = await context.queryClient.ensureQueryData(meQueryOptions()).catch(() => null)
    if (user) throw redirect({ href: search.redirect ?? '/account', replace: true })
  },
  component: SignUpRoute,
})

function SignUpRoute() {
  const { redirect: target } = Route.useSearch()
  const navigate = useNavigate()
  return (
    <SignUpPage redirect={target} onSignedUp={() => void navigate({ href: target ?? '/account', replace: true })} />
  )
}
