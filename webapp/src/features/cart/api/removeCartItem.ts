import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { cartMutationOptions, withoutLine } from '../cache'
import type { Cart } from '../types'

/** DELETE /api/cart/items/{id}: removes a line and answers the cart. 404: not a line of this cart. */
export const removeCartItem = ({ id }: { id: string }) =>
  api.delete<Cart>(`/api/cart/items/${encodeURIComponent(id)}`)

/** Takes the line off at once; puts it back if the server refuses. */
export const useRemoveCartItem = () =>
  useMutation(cartMutationOptions('remove', removeCartItem, (cart, { id }) => withoutLine(cart, id)))
