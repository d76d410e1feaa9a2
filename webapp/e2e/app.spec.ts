import { expect, skipIfNoBrowser, test } from './fixtures'

skipIfNoBrowser()

test('home page shows the brand and the welcome heading', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('banner').getByRole('link', { name: 'Bazaar' })).toBeVisible()
  await expect(page.getByTestId('home').getByRole('heading', { name: 'Welcome to Bazaar' })).toBeVisible()
})

test('deep link /admin is served by the app: sign-in first, then the admin shell', async ({ page }) => {
  // Full page loads, not client-side navigation: the server must answer /admin
  // with the app (SPA fallback), which then guards the admin area.
  const first = await page.goto('/admin')
  expect(first?.status()).toBe(200)
  expect(first?.headers()['content-type']).toContain('text/html')
  await expect(page).toHaveURL(/\/sign-in\?redirect=%2Fadmin$/)

  // The embedded-mode demo admin (seeded by the accounts module).
  const form = page.getByRole('form', { name: 'Sign in' })
  await form.getByLabel('Email', { exact: true }).fill('admin@bazaar.test')
  await form.getByLabel('Password', { exact: true }).fill('bazaar-demo-admin')
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/admin$/)
  await expect(page.getByTestId('admin-home')).toBeVisible()

  // Signed in, the same deep link loads straight into the admin shell.
  const again = await page.reload()
  expect(again?.status()).toBe(200)
  expect(again?.headers()['content-type']).toContain('text/html')
  await expect(page.getByTestId('admin-home').getByRole('heading', { name: 'Admin' })).toBeVisible()
  const sidebar = page.getByRole('navigation', { name: 'Admin' })
  for (const name of ['Products', 'Orders', 'Users']) {
    await expect(sidebar.getByText(name)).toBeVisible()
  }
})

test('unknown deep link renders the not-found page', async ({ page }) => {
  await page.goto('/no/such/page')
  const notFound = page.getByTestId('not-found')
  await expect(notFound.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await notFound.getByRole('link', { name: 'Back to the home page' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByTestId('home')).toBeVisible()
})

test('hashed assets are immutable and the HTML document is not cached', async ({ page }) => {
  const assets: { url: string; cacheControl: string }[] = []
  page.on('response', (res) => {
    if (new URL(res.url()).pathname.startsWith('/assets/')) {
      assets.push({ url: res.url(), cacheControl: res.headers()['cache-control'] ?? '' })
    }
  })

  const document = await page.goto('/')
  await expect(page.getByTestId('home')).toBeVisible()

  expect(document?.headers()['cache-control'] ?? '').toContain('no-cache')
  expect(assets.length, 'the page loads assets from /assets/').toBeGreaterThan(0)
  for (const asset of assets) {
    expect(asset.cacheControl, asset.url).toContain('immutable')
  }
})

test('header navigation works client-side on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav).toBeHidden()

  await page.getByRole('button', { name: 'Open menu' }).click()
  await expect(nav).toBeVisible()
  await nav.getByRole('link', { name: 'Sign in' }).click()

  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible()
  await expect(page).toHaveURL(/\/sign-in$/)
  await expect(nav).toBeHidden()
})
