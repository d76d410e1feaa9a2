import { createFileRoute } from '@tanstack/react-router'
import { cartQueryOptions } from '@/features/cart/api/getCart'
import { CartPage, CartSkeleton } from '@/features/cart/components/CartPage'

export const Route = createFileRoute('/cart')({
  loader: ({ context: { queryClient } }) => queryClient.ensureQueryData(cartQueryOptions()),
  component: CartPage,
  pendingComponent: CartSkeleton,
})
