import { createFileRoute } from '@tanstack/react-router'
import { requireUser } from '@/features/accounts/session'

// Everything under /account needs a signed-in user; visitors go to
// /sign-in?redirect=<the page they asked for>.
export const Route = createFileRoute('/account')({
  beforeLoad: async ({ context, location }) => ({
    user: await requireUser(context.queryClient, location),
  }),
})
