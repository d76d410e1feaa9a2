import { isApiError } from '@/lib/api'
import { describeError, sentence } from '@/lib/forms'
import type { Errors } from './productForm'

/**
 * Splits a failed request into messages for fields this form shows (`isField`
 * decides by the server's key, e.g. "variants[0].sku") and one form-level
 * message for the rest (other keys, 409s, network trouble…).
 */
export function splitErrors(
  error: unknown,
  isField: (key: string) => boolean,
): { fieldErrors: Errors; formError: string | undefined } {
  const fieldErrors: Errors = {}
  if (!isApiError(error)) return { fieldErrors, formError: describeError(error) }
  const others: string[] = []
  for (const [key, message] of Object.entries(error.fieldErrors)) {
    if (isField(key)) fieldErrors[key] = message
    else others.push(/^[a-z]/.test(message) ? `${key.replace(/[._[\]]+/g, ' ').trim()} ${message}` : message)
  }
  if (others.length > 0) return { fieldErrors, formError: others.map(sentence).join(' ') }
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors, formError: undefined }
  return { fieldErrors, formError: describeError(error) }
}

/** The `prefix` part of keys ("variants[1].price" -> "price" for prefix "variants[1]."). */
export function scoped(errors: Errors, prefix: string): Errors {
  const out: Errors = {}
  for (const [key, message] of Object.entries(errors)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = message
  return out
}
