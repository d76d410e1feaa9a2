// Shapes of the accounts API (modules/accounts/internal/httpapi/openapi.yaml).

export const roles = ['customer', 'staff', 'admin'] as const
export type Role = (typeof roles)[number]

export interface User {
  id: string
  email: string
  name: string
  roles: Role[]
  created_at: string
}

export interface UserEnvelope {
  user: User
}

export interface Address {
  id: string
  name: string
  line1: string
  line2: string
  city: string
  postal_code: string
  region: string
  country: string
  phone: string
  is_default_shipping: boolean
}

/** POST /api/me/addresses body (PATCH takes any subset of it). */
export type AddressInput = Omit<Address, 'id' | 'is_default_shipping'> & { is_default_shipping?: boolean }

export interface Page<T> {
  items: T[]
  next_cursor: string | null
}
