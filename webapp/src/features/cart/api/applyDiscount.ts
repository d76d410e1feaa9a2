import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { cartMutationOptions } from '../cache'
import type { Cart } from '../types'

/**
 * POST /api/cart/discount: puts a code on the cart (compared trimmed and
 * upper-cased). 422 errors.code: why it does not apply ("no such code",
 * "this code has expired", "it needs a subtotal of at least …").
 */
export const applyDiscount = ({ code }: { code: string }) => api.post<Cart>('/api/cart/discount', { code })

export const useApplyDiscount = () => useMutation(cartMutationOptions('apply-discount', applyDiscount))
