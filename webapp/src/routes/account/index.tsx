import { createFileRoute } from '@tanstack/react-router'
import { addressesQueryOptions } from '@/features/accounts/api/listAddresses'
import { AccountPage } from '@/features/accounts/components/AccountPage'
import { signInOn401 } from '@/features/accounts/session'

export const Route = createFileRoute('/account/')({
  loader: ({ context, location }) =>
    signInOn401(context.queryClient, location, context.queryClient.ensureQueryData(addressesQueryOptions())),
  component: AccountPage,
})
