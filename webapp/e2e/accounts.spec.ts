import type { Page } from '@playwright/test'
import { expect, skipIfNoBrowser, test } from './fixtures'

skipIfNoBrowser()

// A fresh account per run: the suite's DATA_DIR is new each time, but the
// email stays unique even if a run reuses a data directory.
const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
const shopper = {
  name: `E2E Shopper ${runId}`,
  email: `e2e-${runId}@example.com`,
  password: `correct horse ${runId}`,
}

// Seeded on first start in embedded mode (modules/accounts/module/seed.go).
const demoAdmin = { email: 'admin@bazaar.test', password: 'bazaar-demo-admin', name: 'Demo Admin' }

async function signIn(page: Page, email: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in' })
  await form.getByLabel('Email', { exact: true }).fill(email)
  await form.getByLabel('Password', { exact: true }).fill(password)
  await form.getByRole('button', { name: 'Sign in' }).click()
}

test('register, sign out, sign in again and keep an address book', async ({ page }) => {
  test.setTimeout(90_000)
  const header = page.getByRole('banner')

  await test.step('register a new account', async () => {
    await page.goto('/')
    await header.getByRole('link', { name: 'Sign up' }).click()
    const form = page.getByRole('form', { name: 'Create an account' })
    await form.getByLabel('Name', { exact: true }).fill(shopper.name)
    await form.getByLabel('Email', { exact: true }).fill(shopper.email)
    await form.getByLabel('Password', { exact: true }).fill(shopper.password)
    await form.getByRole('button', { name: 'Create account' }).click()

    await expect(page).toHaveURL(/\/account$/)
    await expect(header.getByTestId('header-user')).toContainText(shopper.name)
    await expect(page.getByTestId('profile-email')).toHaveText(shopper.email)
  })

  await test.step('sign out', async () => {
    await header.getByRole('button', { name: 'Sign out' }).click()
    await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible()
    await expect(header.getByTestId('header-user')).toHaveCount(0)
    await expect(page).toHaveURL(/\/$/)
    // The session is really gone on the server, not just in the page.
    await page.goto('/account')
    await expect(page).toHaveURL(/\/sign-in\?redirect=%2Faccount$/)
  })

  await test.step('sign in again and land on /account', async () => {
    await signIn(page, shopper.email, shopper.password)
    await expect(page).toHaveURL(/\/account$/)
    await expect(header.getByTestId('header-user')).toContainText(shopper.name)
  })

  const addresses = page.getByTestId('addresses')

  await test.step('add an address (after the session was rotated twice, CSRF still works)', async () => {
    await page.goto('/account')
    await expect(addresses.getByText('You have no saved addresses yet.')).toBeVisible()
    await addresses.getByRole('button', { name: 'Add an address' }).click()
    const form = addresses.getByRole('form', { name: 'New address' })
    await form.getByLabel('Full name').fill(shopper.name)
    await form.getByLabel('Address line 1').fill('Main Street 1')
    await form.getByLabel('Postal code').fill('10115')
    await form.getByLabel('City').fill('Berlin')
    await form.getByLabel('Country code').fill('de')
    await form.getByRole('button', { name: 'Add address' }).click()

    const card = addresses.getByRole('article', { name: shopper.name })
    await expect(card).toContainText('10115 Berlin')
    await expect(card).toContainText('DE')
    // The first address becomes the default shipping address.
    await expect(card).toContainText('Default shipping address')
  })

  await test.step('edit it: change the city', async () => {
    const card = addresses.getByRole('article', { name: shopper.name })
    await card.getByRole('button', { name: /^Edit/ }).click()
    const form = addresses.getByRole('form', { name: 'Edit address' })
    await expect(form.getByLabel('City')).toHaveValue('Berlin')
    await form.getByLabel('City').fill('Hamburg')
    await form.getByRole('button', { name: 'Save address' }).click()
    await expect(form).toHaveCount(0)
    await expect(addresses.getByRole('article', { name: shopper.name })).toContainText('10115 Hamburg')
  })

  await test.step('the change survives a reload', async () => {
    await page.reload()
    const card = page.getByTestId('addresses').getByRole('article', { name: shopper.name })
    await expect(card).toContainText('10115 Hamburg')
    await expect(card).not.toContainText('Berlin')
    await expect(header.getByTestId('header-user')).toContainText(shopper.name)
  })
})

test('a wrong password gets the 401 message inline in the form', async ({ page }) => {
  await page.goto('/sign-in')
  await signIn(page, 'nobody@example.com', 'not the password')
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(
    'The email or password is wrong.',
  )
  await expect(page).toHaveURL(/\/sign-in$/)
})

test('forgot password always says to check the mail', async ({ page }) => {
  await page.goto('/forgot-password')
  const form = page.getByRole('form', { name: 'Reset your password' })
  await form.getByLabel('Email').fill(`nobody-${runId}@example.com`)
  await form.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByRole('heading', { name: 'Check your mail' })).toBeVisible()
})

test('the demo admin searches users and changes a role', async ({ page }) => {
  test.setTimeout(60_000)
  await page.goto('/admin/users')
  await expect(page).toHaveURL(/\/sign-in\?redirect=%2Fadmin%2Fusers$/)
  await signIn(page, demoAdmin.email, demoAdmin.password)

  await expect(page).toHaveURL(/\/admin\/users$/)
  await expect(page.getByRole('banner').getByRole('link', { name: 'Admin' })).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search users' }).fill('shopper@bazaar')
  await expect(page).toHaveURL(/\/admin\/users\?q=shopper%40bazaar$/)

  const row = page.getByRole('article', { name: 'Demo Shopper' })
  await expect(row).toBeVisible()
  await expect(page.getByTestId('user-row')).toHaveCount(1)
  const staff = row.getByRole('checkbox', { name: 'Staff' })
  await expect(staff).not.toBeChecked()
  await staff.check()
  await row.getByRole('button', { name: /^Save/ }).click()
  await expect(row.getByRole('status')).toHaveText('Roles saved.')

  // Stored on the server: still checked after a full reload of the search URL.
  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Search users' })).toHaveValue('shopper@bazaar')
  await expect(page.getByRole('article', { name: 'Demo Shopper' }).getByRole('checkbox', { name: 'Staff' })).toBeChecked()

  // Admins cannot remove their own admin role: the server's answer is shown.
  await page.getByRole('searchbox', { name: 'Search users' }).fill(demoAdmin.email)
  const self = page.getByRole('article', { name: /Demo Admin/ })
  await self.getByRole('checkbox', { name: 'Admin' }).uncheck()
  await self.getByRole('button', { name: /^Save/ }).click()
  await expect(self.getByRole('alert')).toContainText('admin role')
})
