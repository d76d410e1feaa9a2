import { describe, expect, it } from 'vitest'
import {
  checkCountry,
  checkEmail,
  checkName,
  checkNewPassword,
  emptyAddress,
  looksLikeEmail,
  validateAddress,
  validateChangePassword,
  validatePasswordReset,
  validatePasswordResetRequest,
  validateProfile,
  validateSignIn,
  validateSignUp,
  type AddressFormValues,
} from './validation'

describe('looksLikeEmail / checkEmail', () => {
  it.each([
    ['ada@example.com', true],
    ['  ada@example.com  ', true],
    ['a.b+tag@mail.example.co.uk', true],
    ['ADA@EXAMPLE.COM', true],
    ['', false],
    ['   ', false],
    ['ada', false],
    ['ada@', false],
    ['@example.com', false],
    ['ada@example', false],
    ['ada@example.', false],
    ['ada@.com', false],
    ['ada.example.com', false],
    ['ada lovelace@example.com', false],
    ['ada@exa mple.com', false],
    [`${'a'.repeat(242)}@example.com`, true], // 254 bytes
    [`${'a'.repeat(243)}@example.com`, false],
  ])('%j looks like an email: %s', (value, ok) => {
    expect(looksLikeEmail(value)).toBe(ok)
    expect(checkEmail(value) === undefined).toBe(ok)
  })

  it('asks for an email when empty and for a proper one otherwise', () => {
    expect(checkEmail('  ')).toBe('Enter your email address.')
    expect(checkEmail('ada@example')).toBe('Enter an email address like name@example.com.')
  })
})

describe('checkNewPassword', () => {
  it.each([
    ['exactly10!', undefined, undefined],
    ['a much longer passphrase', 'ada@example.com', undefined],
    ['éééééééééé', undefined, undefined], // 10 characters, 20 bytes
    ['😀😀😀😀😀😀😀😀😀😀', undefined, undefined], // 10 characters, 20 UTF-16 units
    ['😀😀😀😀😀😀😀😀😀', undefined, 'Use at least 10 characters.'], // 9 characters, 18 UTF-16 units
    ['', undefined, 'Enter a password.'],
    ['short', undefined, 'Use at least 10 characters.'],
    ['123456789', undefined, 'Use at least 10 characters.'],
    ['ada@example.com', 'ada@example.com', 'Your password must not be your email address.'],
    ['ADA@Example.com', ' ada@example.COM ', 'Your password must not be your email address.'],
    ['ada@example.com!', 'ada@example.com', undefined],
    // The server compares the trimmed password.
    ['  ada@example.com ', 'ada@example.com', 'Your password must not be your email address.'],
    ['x'.repeat(1024), undefined, undefined],
    ['x'.repeat(1025), undefined, 'Use a shorter password (at most 1024 bytes).'],
    ['é'.repeat(513), undefined, 'Use a shorter password (at most 1024 bytes).'], // 1026 bytes
  ])('%j with email %j -> %j', (password, email, message) => {
    expect(checkNewPassword(password, email)).toBe(message)
  })

  it('never trims a password: spaces count as characters', () => {
    expect(checkNewPassword('    abc    ')).toBeUndefined()
  })
})

describe('checkName', () => {
  it.each([
    ['Ada', undefined],
    ['  Ada  ', undefined],
    ['x'.repeat(100), undefined],
    [` ${'x'.repeat(100)} `, undefined],
    ['é'.repeat(100), undefined],
    ['x'.repeat(101), 'Use at most 100 characters.'],
    ['', 'Enter your name.'],
    ['    ', 'Enter your name.'],
  ])('%j -> %j', (name, message) => {
    expect(checkName(name)).toBe(message)
  })
})

describe('form validators', () => {
  it('validateSignUp trims email and name, keeps the password as typed, reports every field', () => {
    const ok = validateSignUp({ email: ' Ada@Example.com ', password: ' secret pass ', name: '  Ada  ' })
    expect(ok).toEqual({
      ok: true,
      errors: {},
      values: { email: 'Ada@Example.com', password: ' secret pass ', name: 'Ada' },
    })

    const bad = validateSignUp({ email: 'nope', password: 'short', name: ' ' })
    expect(bad.ok).toBe(false)
    expect(bad.errors).toEqual({
      email: 'Enter an email address like name@example.com.',
      password: 'Use at least 10 characters.',
      name: 'Enter your name.',
    })

    const sameAsEmail = validateSignUp({ email: 'longer@example.com', password: 'LONGER@example.com', name: 'A' })
    expect(sameAsEmail.errors).toEqual({ password: 'Your password must not be your email address.' })
  })

  it('validateSignIn checks the email shape and that a password was typed, not its length', () => {
    expect(validateSignIn({ email: ' ada@example.com ', password: 'x' })).toEqual({
      ok: true,
      errors: {},
      values: { email: 'ada@example.com', password: 'x' },
    })
    expect(validateSignIn({ email: '', password: '' }).errors).toEqual({
      email: 'Enter your email address.',
      password: 'Enter your password.',
    })
  })

  it('validateProfile trims the name', () => {
    expect(validateProfile({ name: '  Grace Hopper ' })).toEqual({ ok: true, errors: {}, values: { name: 'Grace Hopper' } })
    expect(validateProfile({ name: 'y'.repeat(101) }).errors).toEqual({ name: 'Use at most 100 characters.' })
  })

  it('validateChangePassword needs the current password and a valid new one', () => {
    expect(validateChangePassword({ current_password: 'old', new_password: 'new password 1' }, 'a@b.co').ok).toBe(true)
    expect(validateChangePassword({ current_password: '', new_password: 'A@B.CO' }, 'a@b.co').errors).toEqual({
      current_password: 'Enter your current password.',
      new_password: 'Use at least 10 characters.',
    })
    expect(
      validateChangePassword({ current_password: 'x', new_password: 'grace@example.com' }, 'Grace@Example.com').errors,
    ).toEqual({ new_password: 'Your password must not be your email address.' })
  })

  it('validatePasswordResetRequest and validatePasswordReset', () => {
    expect(validatePasswordResetRequest({ email: ' a@b.co ' })).toEqual({ ok: true, errors: {}, values: { email: 'a@b.co' } })
    expect(validatePasswordResetRequest({ email: 'a@b' }).ok).toBe(false)
    expect(validatePasswordReset({ password: '0123456789' }).ok).toBe(true)
    expect(validatePasswordReset({ password: '012345678' }).errors).toEqual({ password: 'Use at least 10 characters.' })
  })
})

describe('addresses', () => {
  const valid: AddressFormValues = {
    name: 'Ada Lovelace',
    line1: 'Main Street 1',
    line2: '',
    city: 'Berlin',
    postal_code: '10115',
    region: '',
    country: 'de',
    phone: '',
  }

  it('trims every field and upper-cases the country', () => {
    const result = validateAddress({
      ...valid,
      name: '  Ada  ',
      line2: '  Floor 2 ',
      country: ' fr ',
      phone: ' +33 1 ',
    })
    expect(result.ok).toBe(true)
    expect(result.values).toEqual({ ...valid, name: 'Ada', line2: 'Floor 2', country: 'FR', phone: '+33 1' })
  })

  it('reports every required field of an empty address', () => {
    expect(validateAddress(emptyAddress).errors).toEqual({
      name: "Enter the recipient's name.",
      line1: 'Enter the street and number.',
      city: 'Enter the city.',
      postal_code: 'Enter the postal code.',
      country: 'Enter the country code, e.g. DE.',
    })
  })

  // field, longest valid value, whether it may be empty
  it.each([
    ['name', 100, false],
    ['line1', 200, false],
    ['line2', 200, true],
    ['city', 100, false],
    ['postal_code', 20, false],
    ['region', 100, true],
    ['phone', 30, true],
  ] as const)('%s: at most %i characters, optional: %s', (field, max, optional) => {
    expect(validateAddress({ ...valid, [field]: 'x'.repeat(max) }).errors[field]).toBeUndefined()
    expect(validateAddress({ ...valid, [field]: `  ${'é'.repeat(max)}  ` }).errors[field]).toBeUndefined()
    expect(validateAddress({ ...valid, [field]: 'x'.repeat(max + 1) }).errors[field]).toBe(
      `Use at most ${max} characters.`,
    )
    expect(validateAddress({ ...valid, [field]: '   ' }).errors[field] === undefined).toBe(optional)
  })

  it.each([
    ['DE', undefined],
    ['de', undefined],
    [' Us ', undefined],
    ['', 'Enter the country code, e.g. DE.'],
    ['D', 'Use the 2-letter country code, e.g. DE or FR.'],
    ['DEU', 'Use the 2-letter country code, e.g. DE or FR.'],
    ['D1', 'Use the 2-letter country code, e.g. DE or FR.'],
    ['Ä1', 'Use the 2-letter country code, e.g. DE or FR.'],
    ['ÄÖ', 'Use the 2-letter country code, e.g. DE or FR.'],
    ['D E', 'Use the 2-letter country code, e.g. DE or FR.'],
  ])('country %j -> %j', (country, message) => {
    expect(checkCountry(country)).toBe(message)
    expect(validateAddress({ ...valid, country }).errors.country).toBe(message)
  })
})
