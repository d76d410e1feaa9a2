import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { cartMutationOptions } from '../cache'
import type { Cart } from '../types'

/** DELETE /api/cart/discount: takes the code off the cart and answers the cart. */
export const removeDiscount = () => api.delete<Cart>('/api/cart/discount')

export const useRemoveDiscount = () => useMutation(cartMutationOptions<void>('remove-discount', () => removeDiscount()))
