import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { cartMutationOptions } from '../cache'
import type { Cart } from '../types'

export interface AddCartItemRequest {
  variant_id: string
  quantity: number
}

/**
 * POST /api/cart/items: adds a variant (or more of it) and answers the cart.
 * 404: unknown variant; 422 errors.quantity: the line would leave 1-99;
 * 409 errors.quantity "only N available" (counting what is already in the cart).
 */
export const addCartItem = (body: AddCartItemRequest) => api.post<Cart>('/api/cart/items', body)

export const useAddCartItem = () => useMutation(cartMutationOptions('add', addCartItem))
