import type { Locator, Page } from '@playwright/test'
import { expect, skipIfNoBrowser, test } from './fixtures'

skipIfNoBrowser()

// Seeded on first start in embedded mode (modules/accounts/module/seed.go).
const demoAdmin = { email: 'admin@bazaar.test', password: 'bazaar-demo-admin' }
const demoShopper = { email: 'shopper@bazaar.test', password: 'bazaar-demo-shopper' }

// A code of its own per run (the API wants 3-32 of A-Z, 0-9, - and _).
const code = `E2E-${Date.now().toString(36).toUpperCase()}`

/** "€1,234.56" -> 123456 (every formatted EUR amount has two decimals). */
async function cents(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? ''
  const digits = text.replace(/\D/g, '')
  expect(digits, `an amount in "${text}"`).not.toBe('')
  return Number(digits)
}

/** Opens the first in-stock product of a category from its listing and adds the selected variant. */
async function addFirstProductOf(page: Page, category: string): Promise<string> {
  await page.goto(`/c/${category}?in_stock=true`)
  const card = page.getByTestId('product-card').first()
  const link = card.getByRole('link')
  const name = (await link.textContent())!.trim()
  await link.click()

  const product = page.getByTestId('product-page')
  await expect(product.getByRole('heading', { level: 1, name })).toBeVisible()
  // The page starts on the first variant in stock.
  await expect(product.getByTestId('stock')).not.toHaveText('Out of stock')
  const purchase = product.getByRole('form', { name: 'Add to cart' })
  await purchase.getByRole('button', { name: 'Add to cart' }).click()

  // Added: the drawer opens with the product in it.
  const drawer = page.getByRole('dialog', { name: 'Your cart' })
  await expect(drawer).toBeVisible()
  await expect(drawer.getByRole('article', { name })).toBeVisible()
  return name
}

test('a guest fills a cart, applies a code, signs in and keeps it all', async ({ page }) => {
  test.setTimeout(120_000)
  const header = page.getByRole('banner')
  const cartButton = header.getByRole('button', { name: /^Cart/ })

  await test.step('the demo admin creates a 10 % code through the API', async () => {
    const csrf = await page.request.get('/api/auth/csrf')
    expect(csrf.ok()).toBe(true)
    const { csrf_token: token } = (await csrf.json()) as { csrf_token: string }
    const headers = { 'X-CSRFToken': token }
    const login = await page.request.post('/api/auth/login', { headers, data: demoAdmin })
    expect(login.ok(), await login.text()).toBe(true)
    const created = await page.request.post('/api/admin/discounts', {
      headers,
      data: { code, kind: 'percent', value: 1000 },
    })
    expect(created.status(), await created.text()).toBe(201)
    expect(await created.json()).toMatchObject({ code, kind: 'percent', value: 1000, active: true, used: 0 })
    // Back to being a guest with a fresh session.
    expect((await page.request.post('/api/auth/logout', { headers })).ok()).toBe(true)
    await page.context().clearCookies()
  })

  let first = ''
  let second = ''
  await test.step('add two products from their listings', async () => {
    first = await addFirstProductOf(page, 'shirts')
    await expect(cartButton).toHaveAccessibleName('Cart, 1 item')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)

    second = await addFirstProductOf(page, 'shoes')
    expect(second).not.toBe(first)
    const drawer = page.getByRole('dialog', { name: 'Your cart' })
    await expect(drawer.getByTestId('cart-line')).toHaveCount(2)
    await expect(cartButton).toHaveAccessibleName('Cart, 2 items')
    await drawer.getByRole('link', { name: 'View cart' }).click()
    await expect(page).toHaveURL(/\/cart$/)
    await expect(page.getByRole('dialog')).toHaveCount(0)
  })

  const cart = page.getByTestId('cart-page')
  let changed = ''
  await test.step('change a quantity on /cart', async () => {
    await expect(cart.getByTestId('cart-line')).toHaveCount(2)
    // One of them has more than one in stock.
    for (const name of [first, second]) {
      if (await cart.getByRole('button', { name: `Increase quantity of ${name}` }).isEnabled()) {
        changed = name
        break
      }
    }
    expect(changed, 'a line that can take one more').not.toBe('')
    const line = cart.getByRole('article', { name: changed })
    const unit = await cents(line.getByTestId('unit-price'))
    await line.getByRole('button', { name: `Increase quantity of ${changed}` }).click()
    await expect(line.getByRole('spinbutton', { name: `Quantity of ${changed}` })).toHaveValue('2')
    await expect(cartButton).toHaveAccessibleName('Cart, 3 items')
    await expect(cart.getByTestId('cart-summary')).not.toHaveAttribute('aria-busy')
    expect(await cents(line.getByTestId('line-total'))).toBe(2 * unit)

    // Stored on the server: still 2 after a reload.
    await page.reload()
    await expect(
      cart.getByRole('article', { name: changed }).getByRole('spinbutton', { name: `Quantity of ${changed}` }),
    ).toHaveValue('2')
  })

  await test.step('a wrong code is refused at the field, the new one applies', async () => {
    const field = cart.getByRole('textbox', { name: 'Discount code' })
    await field.fill('NO-SUCH-CODE')
    await cart.getByRole('button', { name: 'Apply' }).click()
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    await expect(cart.getByText('No such code.')).toBeVisible()

    await field.fill(code.toLowerCase())
    await cart.getByRole('button', { name: 'Apply' }).click()
    await expect(cart.getByTestId('discount-applied')).toHaveText(new RegExp(`Code ${code} applied`))
    const subtotal = await cents(cart.getByTestId('cart-subtotal'))
    const discount = Math.floor((subtotal * 1000 + 5000) / 10000)
    expect(await cents(cart.getByTestId('cart-discount'))).toBe(discount)
    expect(await cents(cart.getByTestId('cart-total'))).toBe(subtotal - discount)
  })

  await test.step('sign in as the demo shopper: the guest cart is merged into theirs', async () => {
    await header.getByRole('link', { name: 'Sign in' }).click()
    const form = page.getByRole('form', { name: 'Sign in' })
    await form.getByLabel('Email', { exact: true }).fill(demoShopper.email)
    await form.getByLabel('Password', { exact: true }).fill(demoShopper.password)
    await form.getByRole('button', { name: 'Sign in' }).click()
    await expect(header.getByTestId('header-user')).toContainText('Demo Shopper')
    await expect(cartButton).toHaveAccessibleName('Cart, 3 items')

    await cartButton.click()
    const drawer = page.getByRole('dialog', { name: 'Your cart' })
    await drawer.getByRole('link', { name: 'View cart' }).click()
    await expect(page).toHaveURL(/\/cart$/)
    await expect(cart.getByTestId('cart-line')).toHaveCount(2)
    await expect(cart.getByRole('article', { name: first })).toBeVisible()
    await expect(cart.getByRole('article', { name: second })).toBeVisible()
    await expect(
      cart.getByRole('article', { name: changed }).getByRole('spinbutton', { name: `Quantity of ${changed}` }),
    ).toHaveValue('2')
    await expect(cart.getByTestId('discount-applied')).toHaveText(new RegExp(`Code ${code} applied`))
    const subtotal = await cents(cart.getByTestId('cart-subtotal'))
    expect(await cents(cart.getByTestId('cart-discount'))).toBe(Math.floor((subtotal * 1000 + 5000) / 10000))

    // It is the account's cart now: a full reload (a new page load) still shows it.
    await page.reload()
    await expect(cart.getByTestId('cart-line')).toHaveCount(2)
    await expect(cartButton).toHaveAccessibleName('Cart, 3 items')
  })

  await test.step('the cart works on a phone', async () => {
    await page.setViewportSize({ width: 375, height: 740 })
    // The cart button stays in the header bar, outside the closed menu.
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
    await expect(cartButton).toBeVisible()
    await expect(cart.getByRole('article', { name: changed }).getByRole('spinbutton')).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0)

    await cartButton.click()
    const drawer = page.getByRole('dialog', { name: 'Your cart' })
    const box = await drawer.boundingBox()
    expect(box?.width).toBeGreaterThan(370)
    await drawer.getByRole('button', { name: 'Close cart' }).click()
    await expect(drawer).toHaveCount(0)
    await expect(cartButton).toBeFocused()
  })
})
