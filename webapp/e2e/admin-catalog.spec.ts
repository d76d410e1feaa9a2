import type { Page } from '@playwright/test'
import { expect, skipIfNoBrowser, test } from './fixtures'

skipIfNoBrowser()

// Unique names per run, so the storefront search finds exactly this product.
const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const product = {
  name: `Lantern E2E${runId}`,
  sku: `E2E-${runId}`.toUpperCase(),
}
const imported = { slug: `imported-e2e-${runId}`, name: `Imported E2E${runId}` }
// The suite shares one server: this run's products go in a category of their
// own, so the storefront specs' demo categories (e.g. /c/shirts) are unchanged.
const category = { name: `E2E Lanterns ${runId}`, slug: `e2e-lanterns-${runId}` }

// Seeded on first start in embedded mode (modules/accounts/module/seed.go).
const demoAdmin = { email: 'admin@bazaar.test', password: 'bazaar-demo-admin' }

async function signIn(page: Page) {
  const form = page.getByRole('form', { name: 'Sign in' })
  await form.getByLabel('Email', { exact: true }).fill(demoAdmin.email)
  await form.getByLabel('Password', { exact: true }).fill(demoAdmin.password)
  await form.getByRole('button', { name: 'Sign in' }).click()
}

test('the demo admin creates a product, adjusts its stock, finds it in the shop and imports a CSV', async ({ page }) => {
  test.setTimeout(120_000)

  await test.step('sign in on the way to the category editor, and add a top-level category', async () => {
    await page.goto('/admin/categories')
    await expect(page).toHaveURL(/\/sign-in\?redirect=%2Fadmin%2Fcategories$/)
    await signIn(page)
    await expect(page).toHaveURL(/\/admin\/categories$/)
    const form = page.getByRole('form', { name: 'New category' })
    await form.getByLabel('Name', { exact: true }).fill(category.name)
    await form.getByRole('button', { name: 'Create category' }).click()
    await expect(form.getByRole('status')).toHaveText(`Category “${category.name}” created.`)
    await expect(page.getByRole('article', { name: category.name })).toContainText(category.slug)
  })

  await test.step('create an active product with one variant in that category', async () => {
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products' }).click()
    await page.getByTestId('admin-products').getByRole('link', { name: 'New product' }).click()
    await expect(page).toHaveURL(/\/admin\/products\/new$/)
    const form = page.getByRole('form', { name: 'New product' })
    await form.getByLabel('Name', { exact: true }).fill(product.name)
    await form.getByLabel('Description').fill('A storm lantern made for the end-to-end suite.')
    await form.getByRole('combobox', { name: 'Status' }).selectOption('active')
    await form.getByRole('combobox', { name: 'Category' }).selectOption(category.slug)
    const variant = form.getByRole('group', { name: 'Variant 1' })
    await variant.getByLabel('SKU', { exact: true }).fill(product.sku)
    await variant.getByLabel('Price (EUR)', { exact: true }).fill('42.5')
    await variant.getByLabel('Initial stock').fill('5')
    await form.getByRole('button', { name: 'Create product' }).click()

    await expect(page).toHaveURL(/\/admin\/products\/[^/]+$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(product.name)
    const card = page.getByRole('article', { name: new RegExp(product.sku) })
    // Typed as a decimal, stored in cents, shown as a decimal again.
    await expect(card.getByLabel('Price (EUR)', { exact: true })).toHaveValue('42.50')
    await expect(card.getByTestId('on-hand')).toHaveText('5')
  })

  await test.step('adjust its stock: a refused change, then a delivery', async () => {
    const card = page.getByRole('article', { name: new RegExp(product.sku) })
    await card.getByRole('button', { name: `Adjust stock of ${product.sku}` }).click()
    const history = card.getByTestId('movements')
    await expect(history).toContainText('initial stock')

    const form = card.getByRole('form', { name: `Adjust stock of ${product.sku}` })
    // More than is on hand: the server's 422 is shown at the field.
    await form.getByLabel('Change').fill('-9')
    await form.getByLabel('Reason').fill('Stock count')
    await form.getByRole('button', { name: 'Apply adjustment' }).click()
    await expect(form.getByLabel('Change')).toHaveAttribute('aria-invalid', 'true')
    await expect(form).toContainText('would leave -4 on hand')

    await form.getByLabel('Change').fill('7')
    await form.getByLabel('Reason').fill('Delivery received')
    await form.getByRole('button', { name: 'Apply adjustment' }).click()
    await expect(form.getByRole('status')).toHaveText('Stock adjusted. On hand: 12.')
    await expect(card.getByTestId('on-hand')).toHaveText('12')
    await expect(history.getByRole('row').nth(1)).toContainText('+7')
    await expect(history.getByRole('row').nth(1)).toContainText('Delivery received')

    // Stored: still there after a reload.
    await page.reload()
    await expect(page.getByRole('article', { name: new RegExp(product.sku) }).getByTestId('on-hand')).toHaveText('12')
  })

  await test.step('find it in the back-office list by SKU', async () => {
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products' }).click()
    await page.getByRole('searchbox', { name: 'Find products' }).fill(product.sku)
    await expect(page).toHaveURL(new RegExp(`/admin/products\\?q=${product.sku}$`))
    await expect(page.getByTestId('product-row')).toHaveCount(1)
    await expect(page.getByTestId('product-row')).toContainText(product.name)
  })

  await test.step('see it in the storefront search and on its page', async () => {
    await page.goto(`/search?q=${encodeURIComponent(product.name)}`)
    const card = page.getByTestId('product-card').filter({ hasText: product.name })
    await expect(card).toHaveCount(1)
    await card.getByRole('link').first().click()
    const detail = page.getByTestId('product-page')
    await expect(detail.getByRole('heading', { level: 1, name: product.name })).toBeVisible()
    await expect(detail.getByTestId('price')).toContainText('42.50')
    await expect(detail.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: category.name })).toBeVisible()
  })

  await test.step('import a small CSV and wait for the job to finish', async () => {
    await page.goto('/admin/import')
    const csv = [
      'product_slug,product_name,status,category,sku,options,price,compare_at_price,on_hand',
      `${imported.slug},${imported.name},active,${category.slug},${product.sku}-IMP-S,size=S,19.99,,4`,
      `${imported.slug},${imported.name},active,${category.slug},${product.sku}-IMP-M,size=M,not-a-price,,4`,
      `${imported.slug},${imported.name},active,${category.slug},${product.sku}-IMP-L,size=L,21.99,29.99,2`,
      '',
    ].join('\n')
    await page.getByLabel('CSV file').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: 'Upload and import' }).click()

    await expect(page).toHaveURL(/\/admin\/import\?job=[^&]+$/)
    await expect(page.getByTestId('job-state')).toHaveText(/^Done: 3 of 3 rows processed, 1 row with problems\.$/, {
      timeout: 30_000,
    })
    await expect(page.getByRole('progressbar', { name: 'Rows imported' })).toHaveAttribute('aria-valuenow', '3')
    const problems = page.getByRole('table', { name: 'Rows with problems' })
    await expect(problems.getByRole('row')).toHaveCount(2)
    await expect(problems.getByRole('row').nth(1)).toContainText('3')
    await expect(problems).toContainText('price')

    // The good rows are in the catalog.
    await page.goto(`/admin/products?q=${imported.slug}`)
    await expect(page.getByTestId('product-row')).toHaveCount(1)
    await page.getByRole('link', { name: imported.name }).click()
    await expect(page.getByTestId('variant')).toHaveCount(2)
    await expect(page.getByRole('article', { name: new RegExp(`${product.sku}-IMP-L`) }).getByLabel('Compare-at price (EUR)')).toHaveValue('29.99')
  })
})

test('categories: create one under a parent, and a non-empty one cannot be deleted', async ({ page }) => {
  await page.goto('/admin/categories')
  await signIn(page)
  await expect(page).toHaveURL(/\/admin\/categories$/)

  const name = `Wicks ${runId}`
  const form = page.getByRole('form', { name: 'New category' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByRole('combobox', { name: 'Parent' }).selectOption('shirts')
  await form.getByRole('button', { name: 'Create category' }).click()
  await expect(form.getByRole('status')).toHaveText(`Category “${name}” created.`)
  await expect(page.getByRole('article', { name, exact: true })).toBeVisible()

  // Shirts now has a sub-category (and products): the server says 409.
  const shirts = page.getByRole('article', { name: 'Shirts', exact: true })
  await shirts.getByRole('button', { name: 'Delete Shirts' }).click()
  await shirts.getByRole('button', { name: 'Yes, delete Shirts' }).click()
  await expect(shirts.getByRole('alert')).toHaveText('The category still has sub-categories or products.')

  // The new, empty one can go.
  const created = page.getByRole('article', { name, exact: true })
  await created.getByRole('button', { name: `Delete ${name}` }).click()
  await created.getByRole('button', { name: `Yes, delete ${name}` }).click()
  await expect(page.getByRole('article', { name, exact: true })).toHaveCount(0)
})
