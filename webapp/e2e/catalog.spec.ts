import { expect, skipIfNoBrowser, test } from './fixtures'

skipIfNoBrowser()

// The embedded-mode binary seeds 500 deterministic demo products on first
// start (modules/catalog/internal/demo): names are "<Brand> <Adjective> <Noun>".

/** "142 products" -> 142 ("100+ products", a broad search's sample, -> 100) */
async function resultCount(page: import('@playwright/test').Page): Promise<number> {
  const text = (await page.getByTestId('result-count').textContent()) ?? ''
  const match = /^(\d+)\+? products?$/.exec(text.trim())
  expect(match, `result count "${text}"`).not.toBeNull()
  return Number(match![1])
}

test('search from the header: suggestions while typing, Enter shows the results', async ({ page }) => {
  await page.goto('/')
  const box = page.getByRole('banner').getByRole('combobox', { name: 'Search products' })
  await box.fill('shirt')

  const suggestions = page.getByRole('listbox', { name: 'Suggestions' })
  await expect(suggestions).toBeVisible()
  await expect(box).toHaveAttribute('aria-expanded', 'true')
  const products = suggestions.getByRole('group', { name: 'Products' }).getByRole('option')
  await expect(products.first()).toContainText(/shirt/i)
  await expect(suggestions.getByRole('group', { name: 'Categories' }).getByRole('option', { name: 'Shirts' })).toBeVisible()

  // The arrow keys move the highlight; Escape closes the list, and Enter
  // with nothing highlighted searches for the text.
  await box.press('ArrowDown')
  await expect(products.first()).toHaveAttribute('aria-selected', 'true')
  await expect(box).toHaveAttribute('aria-activedescendant', (await products.first().getAttribute('id'))!)
  await box.press('ArrowDown')
  await expect(products.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(products.first()).toHaveAttribute('aria-selected', 'false')
  await box.press('Escape')
  await expect(suggestions).toBeHidden()
  await box.press('Enter')

  await expect(page).toHaveURL(/\/search\?q=shirt$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Results for “shirt”' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('relevance')
  const cards = page.getByTestId('product-card')
  await expect(cards.first()).toBeVisible()
  expect(await resultCount(page)).toBeGreaterThan(0)
  // The best matches name the term.
  await expect(cards.first()).toContainText(/shirt/i)
})

test('filter a category by brand: the URL keeps the filter and every product matches', async ({ page }) => {
  await page.goto('/c/apparel')
  await expect(page.getByRole('heading', { level: 1, name: 'Apparel' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Sub-categories' }).getByRole('link', { name: /^Shirts/ })).toBeVisible()
  const all = await resultCount(page)
  expect(all).toBeGreaterThan(24)

  const kestrel = page.getByTestId('facet-brand').getByRole('checkbox', { name: /^Kestrel/ })
  const label = (await page.getByTestId('facet-brand').locator('label', { hasText: 'Kestrel' }).textContent()) ?? ''
  const expected = Number(/\((\d+)\)/.exec(label)?.[1])
  await kestrel.check()

  await expect(page).toHaveURL(/\/c\/apparel\?attr\.brand=Kestrel$/)
  await expect(page.getByTestId('result-count')).toHaveText(`${expected} products`)
  expect(expected).toBeLessThan(all)
  await expect(kestrel).toBeChecked()
  const names = await page.getByTestId('product-card').getByRole('link').allTextContents()
  expect(names.length).toBeGreaterThan(0)
  for (const name of names) expect(name).toMatch(/^Kestrel /)

  // The filter survives a reload, and Back removes it.
  await page.reload()
  await expect(page.getByTestId('facet-brand').getByRole('checkbox', { name: /^Kestrel/ })).toBeChecked()
  await expect(page.getByTestId('result-count')).toHaveText(`${expected} products`)
  await page.goBack()
  await expect(page).toHaveURL(/\/c\/apparel$/)
  await expect(page.getByTestId('result-count')).toHaveText(`${all} products`)
})

test('open a product from a category: variant picker, price and stock', async ({ page }) => {
  await page.goto('/c/shirts')
  const card = page.getByTestId('product-card').first()
  const name = (await card.getByRole('link').textContent())!.trim()
  await card.getByRole('link').click()

  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/)
  const product = page.getByTestId('product-page')
  await expect(product.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(product.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Shirts' })).toBeVisible()
  await expect(product.getByTestId('price')).toHaveText(/\d/)
  await expect(product.getByRole('img', { name })).toBeVisible()

  // Shirts come in sizes and colours.
  const picker = product.getByTestId('variant-picker')
  await expect(picker.getByRole('group', { name: /^Size/ })).toBeVisible()
  await expect(picker.getByRole('group', { name: /^Colour/ })).toBeVisible()
  await expect(product.getByTestId('stock')).toHaveText(/^(In stock|Only \d left|Out of stock)$/)

  // Every size shows a price and a stock state.
  const sizes = picker.getByRole('group', { name: /^Size/ }).getByRole('radio')
  const count = await sizes.count()
  for (let i = 0; i < count; i++) {
    await sizes.nth(i).check({ force: true })
    await expect(sizes.nth(i)).toBeChecked()
    await expect(product.getByTestId('price')).toHaveText(/\d/)
    const stock = (await product.getByTestId('stock').textContent()) ?? ''
    await expect(product.getByRole('button', { name: 'Add to cart' })).toBeEnabled({ enabled: stock !== 'Out of stock' })
  }
})

test('an unknown product shows the not-found page', async ({ page }) => {
  await page.goto('/p/no-such-product')
  await expect(page.getByTestId('not-found').getByRole('heading', { name: 'Page not found' })).toBeVisible()
})

test('a category on a phone: two columns, filters behind a button', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto('/c/shoes')
  const filters = page.getByRole('complementary', { name: 'Filters' })
  await expect(filters).toBeHidden()
  const button = page.getByRole('button', { name: 'Filters', exact: true })
  await button.click()
  await expect(filters).toBeVisible()
  await filters.getByRole('checkbox', { name: 'In stock only' }).check()
  await expect(page).toHaveURL(/\/c\/shoes\?in_stock=true$/)
  await filters.getByRole('button', { name: /^Show \d+ products$/ }).click()
  await expect(filters).toBeHidden()

  const cards = page.getByTestId('product-card')
  const first = await cards.nth(0).boundingBox()
  const second = await cards.nth(1).boundingBox()
  const third = await cards.nth(2).boundingBox()
  expect(first && second && third).toBeTruthy()
  // Side by side, then the next row.
  expect(Math.abs(first!.y - second!.y)).toBeLessThan(2)
  expect(third!.y).toBeGreaterThan(first!.y + first!.height / 2)
})
