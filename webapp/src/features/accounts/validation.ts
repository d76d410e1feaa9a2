// Client-side checks mirroring the accounts API's rules, so most mistakes are
// caught before a request. The server stays authoritative: its 422 field
// errors are shown the same way.
//
// Lengths count characters (Unicode code points), as the server does, after
// trimming; passwords are never trimmed.
import type { AddressInput } from './types'

export type FieldErrors<K extends string> = Partial<Record<K, string>>

/** Normalized values to send, plus the problems found (none when `ok`). */
export interface Validated<T, K extends string> {
  values: T
  errors: FieldErrors<K>
  ok: boolean
}

const length = (value: string) => [...value].length
const bytes = (value: string) => new TextEncoder().encode(value).length

function result<T, K extends string>(values: T, errors: FieldErrors<K>): Validated<T, K> {
  return { values, errors, ok: Object.keys(errors).length === 0 }
}

function drop<K extends string>(errors: Partial<Record<K, string | undefined>>): FieldErrors<K> {
  const out: FieldErrors<K> = {}
  for (const key of Object.keys(errors) as K[]) {
    const message = errors[key]
    if (message) out[key] = message
  }
  return out
}

export const PASSWORD_MIN = 10
/** The server's cap, in UTF-8 bytes. */
export const PASSWORD_MAX_BYTES = 1024
export const EMAIL_MAX_BYTES = 254

/** Something@something.something, without spaces (after trimming), at most 254 bytes. */
export function looksLikeEmail(value: string): boolean {
  const email = value.trim()
  if (/\s/.test(email) || bytes(email) > EMAIL_MAX_BYTES) return false
  const at = email.lastIndexOf('@')
  if (at < 1) return false
  const domain = email.slice(at + 1)
  const dot = domain.lastIndexOf('.')
  return dot > 0 && dot < domain.length - 1
}

export function checkEmail(value: string): string | undefined {
  if (!value.trim()) return 'Enter your email address.'
  if (!looksLikeEmail(value)) return 'Enter an email address like name@example.com.'
  return undefined
}

/**
 * A new password: at least 10 characters, at most 1024 bytes, and not the
 * email (ignoring case and surrounding spaces).
 */
export function checkNewPassword(password: string, email?: string): string | undefined {
  if (!password) return 'Enter a password.'
  if (length(password) < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`
  if (bytes(password) > PASSWORD_MAX_BYTES) return 'Use a shorter password (at most 1024 bytes).'
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return 'Your password must not be your email address.'
  }
  return undefined
}

export function checkName(value: string): string | undefined {
  const name = value.trim()
  if (!name) return 'Enter your name.'
  if (length(name) > 100) return 'Use at most 100 characters.'
  return undefined
}

// --- forms ---

export type SignUpField = 'email' | 'password' | 'name'

export function validateSignUp(input: Record<SignUpField, string>): Validated<Record<SignUpField, string>, SignUpField> {
  const values = { email: input.email.trim(), password: input.password, name: input.name.trim() }
  return result(
    values,
    drop({
      name: checkName(input.name),
      email: checkEmail(input.email),
      password: checkNewPassword(input.password, input.email),
    }),
  )
}

export type SignInField = 'email' | 'password'

/** Sign-in checks the shape only: the password rules are the server's to judge. */
export function validateSignIn(input: Record<SignInField, string>): Validated<Record<SignInField, string>, SignInField> {
  const values = { email: input.email.trim(), password: input.password }
  return result(
    values,
    drop({
      email: checkEmail(input.email),
      password: input.password ? undefined : 'Enter your password.',
    }),
  )
}

export function validateProfile(input: { name: string }): Validated<{ name: string }, 'name'> {
  return result({ name: input.name.trim() }, drop({ name: checkName(input.name) }))
}

export type ChangePasswordField = 'current_password' | 'new_password'

export function validateChangePassword(
  input: Record<ChangePasswordField, string>,
  email: string,
): Validated<Record<ChangePasswordField, string>, ChangePasswordField> {
  return result(
    { ...input },
    drop({
      current_password: input.current_password ? undefined : 'Enter your current password.',
      new_password: checkNewPassword(input.new_password, email),
    }),
  )
}

export function validatePasswordResetRequest(input: { email: string }): Validated<{ email: string }, 'email'> {
  return result({ email: input.email.trim() }, drop({ email: checkEmail(input.email) }))
}

/** The reset form does not know the email: the server checks "not the email". */
export function validatePasswordReset(input: { password: string }): Validated<{ password: string }, 'password'> {
  return result({ password: input.password }, drop({ password: checkNewPassword(input.password) }))
}

// --- addresses ---

export type AddressField = Exclude<keyof AddressInput, 'is_default_shipping'>

/** What the address form edits: every text field as typed. */
export type AddressFormValues = Record<AddressField, string>

export const emptyAddress: AddressFormValues = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  postal_code: '',
  region: '',
  country: '',
  phone: '',
}

interface TextRule {
  required: boolean
  max: number
  /** Said when a required field is empty. */
  missing?: string
}

const addressRules: Record<Exclude<AddressField, 'country'>, TextRule> = {
  name: { required: true, max: 100, missing: "Enter the recipient's name." },
  line1: { required: true, max: 200, missing: 'Enter the street and number.' },
  line2: { required: false, max: 200 },
  city: { required: true, max: 100, missing: 'Enter the city.' },
  postal_code: { required: true, max: 20, missing: 'Enter the postal code.' },
  region: { required: false, max: 100 },
  phone: { required: false, max: 30 },
}

function checkText(value: string, rule: TextRule): string | undefined {
  if (rule.required && !value) return rule.missing ?? 'This field is required.'
  if (length(value) > rule.max) return `Use at most ${rule.max} characters.`
  return undefined
}

export function checkCountry(value: string): string | undefined {
  const country = value.trim()
  if (!country) return 'Enter the country code, e.g. DE.'
  if (!/^[A-Za-z]{2}$/.test(country)) return 'Use the 2-letter country code, e.g. DE or FR.'
  return undefined
}

/** Trims every field and upper-cases the country code. */
export function validateAddress(input: AddressFormValues): Validated<AddressFormValues, AddressField> {
  const values = { ...emptyAddress }
  const errors: FieldErrors<AddressField> = {}
  for (const field of Object.keys(emptyAddress) as AddressField[]) {
    values[field] = (input[field] ?? '').trim()
  }
  values.country = values.country.toUpperCase()
  for (const [field, rule] of Object.entries(addressRules) as [Exclude<AddressField, 'country'>, TextRule][]) {
    const message = checkText(values[field], rule)
    if (message) errors[field] = message
  }
  const country = checkCountry(values.country)
  if (country) errors.country = country
  return result(values, errors)
}
