import { createFileRoute, useNavigate } from '@tanstack/react-router'
import { ResetPasswordPage } from '@/features/accounts/components/ResetPasswordPage'

// The password reset mail links here: /reset-password?token=<token>.
export const Route = createFileRoute('/reset-password')({
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({
    token: typeof search.token === 'string' && search.token ? search.token : undefined,
  }),
  component: ResetPasswordRoute,
})

function ResetPasswordRoute() {
  const { token } = Route.useSearch()
  const navigate = useNavigate()
  return (
    <ResetPasswordPage
      token={token}
      onReset={() => void navigate({ to: '/sign-in', search: { notice: 'password-reset' }, replace: true })}
    />
  )
}
