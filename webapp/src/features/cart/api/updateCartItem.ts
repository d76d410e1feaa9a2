import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { cartMutationOptions, withQuantity } from '../cache'
import type { Cart } from '../types'

export interface UpdateCartItemRequest {
  /** The line's ID. */
  id: string
  quantity: number
}

/** PATCH /api/cart/items/{id}: sets a line's quantity (1-99). 404: not a line of this cart; 409: beyond stock. */
export const updateCartItem = ({ id, quantity }: UpdateCartItemRequest) =>
  api.patch<Cart>(`/api/cart/items/${encodeURIComponent(id)}`, { quantity })

/** Shows the new quantity and totals at once; rolls back if the server refuses. */
export const useUpdateCartItem = () =>
  useMutation(
    cartMutationOptions('update', updateCartItem, (cart, { id, quantity }) => withQuantity(cart, id, quantity)),
  )
