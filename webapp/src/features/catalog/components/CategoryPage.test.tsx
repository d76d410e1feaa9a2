import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useUiStore } from '@/lib/ui'
import { catalogEndpoints, catalogProducts, type FakeProduct } from '@/test/catalogFixtures'
import { fakeApi, meEndpoint, type Reply } from '@/test/fakeApi'
import { renderApp } from '@/test/render'

let products: FakeProduct[]

function api(overrides: Record<string, Reply> = {}) {
  return fakeApi({
    'GET /api/me': meEndpoint(() => null),
    ...catalogEndpoints({ products: () => products }),
    ...overrides,
  })
}

const cardNames = () =>
  within(screen.getByTestId('product-grid'))
    .getAllByTestId('product-card')
    .map((card) => within(card).getByRole('link').textContent)

/** The listing requests (not the extra facet-only ones with limit=1). */
const listingCalls = (fake: ReturnType<typeof api>) =>
  fake.calls('GET', '/api/products').filter((r) => r.search.get('limit') === '24')

describe('category page', () => {
  beforeEach(() => {
    products = [...catalogProducts]
  })

  it('shows the breadcrumb, sub-categories, the count and a grid of the category’s products, newest first', async () => {
    const fake = api()
    renderApp('/c/apparel')

    const page = await screen.findByTestId('category-page')
    expect(within(page).getByRole('heading', { level: 1, name: 'Apparel' })).toBeVisible()
    const crumbs = within(page).getByRole('navigation', { name: 'Breadcrumb' })
    expect(within(crumbs).getByRole('link', { name: 'Home' })).toHaveAttribute('href', '/')
    expect(within(crumbs).getByText('Apparel')).toHaveAttribute('aria-current', 'page')

    const subs = within(page).getByRole('navigation', { name: 'Sub-categories' })
    expect(within(subs).getByRole('link', { name: 'Shirts (10)' })).toHaveAttribute('href', '/c/shirts')
    expect(within(subs).getByRole('link', { name: 'Trousers (10)' })).toHaveAttribute('href', '/c/trousers')

    // 20 apparel products (shirts and trousers), 24 a page: all on one page.
    expect(screen.getByTestId('result-count')).toHaveTextContent('20 products')
    expect(cardNames()).toHaveLength(20)
    expect(cardNames()[0]).toBe('Northwind Chinos 20')
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()

    const [call] = listingCalls(fake)
    expect(call?.search.toString()).toBe('category=apparel&limit=24')

    // A card: link to the product, price in the user's locale, stock.
    const first = screen.getAllByTestId('product-card')[0]!
    expect(within(first).getByRole('link', { name: 'Northwind Chinos 20' })).toHaveAttribute(
      'href',
      '/p/northwind-chinos-20',
    )
    expect(within(first).getByTestId('price')).toHaveTextContent(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(29.99),
    )
  })

  it('ticking a facet puts it in the URL, asks the API again and shows only matching products', async () => {
    const fake = api()
    const { router } = renderApp('/c/apparel')
    await screen.findByTestId('category-page')
    const brand = within(screen.getByTestId('facet-brand'))
    expect(brand.getByRole('checkbox', { name: 'Kestrel (7)' })).not.toBeChecked()

    fireEvent.click(brand.getByRole('checkbox', { name: 'Kestrel (7)' }))

    await waitFor(() => expect(router.state.location.href).toBe('/c/apparel?attr.brand=Kestrel'))
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('7 products'))
    expect(cardNames()).toHaveLength(7)
    expect(cardNames().every((name) => name?.startsWith('Kestrel '))).toBe(true)
    expect(listingCalls(fake).at(-1)?.search.getAll('attr.brand')).toEqual(['Kestrel'])
    expect(brand.getByRole('checkbox', { name: /^Kestrel/ })).toBeChecked()

    // The other brands can still be added (values of one attribute are OR-ed).
    fireEvent.click(await brand.findByRole('checkbox', { name: 'Northwind (7)' }))
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('14 products'))
    expect(router.state.location.href).toBe('/c/apparel?attr.brand=Kestrel&attr.brand=Northwind')
    expect(listingCalls(fake).at(-1)?.search.getAll('attr.brand')).toEqual(['Kestrel', 'Northwind'])
    expect(cardNames().some((name) => name?.startsWith('Fjordline'))).toBe(false)

    // Back undoes the last filter.
    router.history.back()
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('7 products'))
    expect(brand.getByRole('checkbox', { name: /^Northwind/ })).not.toBeChecked()
  })

  it('reads filters and sort from the URL on load, and changes the sort through the URL', async () => {
    const fake = api()
    const { router } = renderApp('/c/apparel?attr.material=Linen&in_stock=true&sort=price_desc')
    await screen.findByTestId('category-page')

    expect(screen.getByRole('checkbox', { name: /^Linen/ })).toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'In stock only' })).toBeChecked()
    const sort = screen.getByRole('combobox', { name: 'Sort by' })
    expect(sort).toHaveValue('price_desc')
    expect(listingCalls(fake)[0]?.search.toString()).toBe(
      'category=apparel&in_stock=true&attr.material=Linen&sort=price_desc&limit=24',
    )
    const prices = () => screen.getAllByTestId('price').map((p) => p.textContent)
    const before = prices()

    fireEvent.change(sort, { target: { value: 'price_asc' } })

    await waitFor(() =>
      expect(router.state.location.href).toBe('/c/apparel?attr.material=Linen&in_stock=true&sort=price_asc'),
    )
    await waitFor(() => expect(prices()).toEqual([...before].reverse()))
    expect(listingCalls(fake).at(-1)?.search.get('sort')).toBe('price_asc')

    // Back to the default: the sort leaves the URL.
    fireEvent.change(sort, { target: { value: 'newest' } })
    await waitFor(() => expect(router.state.location.href).toBe('/c/apparel?attr.material=Linen&in_stock=true'))
  })

  it('filters by price in major units and keeps minor units in the URL', async () => {
    const fake = api()
    const { router } = renderApp('/c/apparel')
    await screen.findByTestId('category-page')
    const form = screen.getByRole('form', { name: /Price/ })

    fireEvent.change(within(form).getByLabelText('Min price'), { target: { value: '15' } })
    fireEvent.change(within(form).getByLabelText('Max price'), { target: { value: '19.99' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))

    await waitFor(() => expect(router.state.location.href).toBe('/c/apparel?min_price=1500&max_price=1999'))
    // 15.99, 16.99, 17.99, 18.99, 19.99
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('5 products'))
    expect(listingCalls(fake).at(-1)?.search.get('min_price')).toBe('1500')

    fireEvent.change(within(form).getByLabelText('Min price'), { target: { value: 'cheap' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))
    expect(within(form).getByText('Enter prices as numbers, like 25 or 19.99.')).toBeVisible()
    expect(router.state.location.href).toBe('/c/apparel?min_price=1500&max_price=1999')
  })

  it('shows an empty state with a Clear filters link when nothing matches', async () => {
    products = catalogProducts.filter((p) => !(p.attributes.brand === 'Kestrel' && p.attributes.material === 'Linen'))
    api()
    const { router } = renderApp('/c/apparel?attr.brand=Kestrel&attr.material=Linen&sort=name')

    const empty = await screen.findByTestId('empty')
    expect(within(empty).getByRole('heading', { name: 'No products match these filters' })).toBeVisible()
    expect(screen.queryByTestId('product-grid')).not.toBeInTheDocument()
    expect(screen.getByTestId('result-count')).toHaveTextContent('0 products')
    const clear = within(empty).getByRole('link', { name: 'Clear filters' })
    // The sort is not a filter: it stays.
    expect(clear).toHaveAttribute('href', '/c/apparel?sort=name')

    fireEvent.click(clear)

    await waitFor(() => expect(router.state.location.href).toBe('/c/apparel?sort=name'))
    expect(await screen.findByTestId('product-grid')).toBeInTheDocument()
    expect(screen.queryByTestId('empty')).not.toBeInTheDocument()
  })

  it('loads more with next_cursor and appends the page', async () => {
    // 30 shirts: more than one page of 24.
    products = catalogProducts.map((p) => ({ ...p, category: 'shirts' }))
    const fake = api()
    renderApp('/c/apparel')
    await screen.findByTestId('category-page')
    expect(cardNames()).toHaveLength(24)
    expect(screen.getByText('Showing 24 of 30 products')).toBeVisible()

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))

    await waitFor(() => expect(cardNames()).toHaveLength(30))
    expect(cardNames()[0]).toBe('Fjordline Boot 30')
    expect(cardNames()[29]).toBe('Kestrel Shirt 1')
    const calls = listingCalls(fake)
    expect(calls).toHaveLength(2)
    expect(calls[0]?.search.get('cursor')).toBeNull()
    expect(calls[1]?.search.get('cursor')).toBe('24')
    expect(screen.getByText('Showing 30 of 30 products')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
  })

  it('goes down to a sub-category with the same filters', async () => {
    const fake = api()
    const { router } = renderApp('/c/apparel?in_stock=true')
    await screen.findByTestId('category-page')
    expect(screen.getByTestId('result-count')).toHaveTextContent('16 products')

    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Sub-categories' })).getByRole('link', { name: 'Shirts (8)' }),
    )

    expect(await screen.findByRole('heading', { level: 1, name: 'Shirts' })).toBeVisible()
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('8 products'))
    expect(router.state.location.href).toBe('/c/shirts?in_stock=true')
    expect(cardNames().every((name) => name?.includes(' Shirt '))).toBe(true)
    expect(listingCalls(fake).at(-1)?.search.toString()).toBe('category=shirts&in_stock=true&limit=24')
    const crumbs = within(screen.getByRole('navigation', { name: 'Breadcrumb' }))
    expect(crumbs.getByRole('link', { name: 'Apparel' })).toHaveAttribute('href', '/c/apparel')
    expect(crumbs.getByText('Shirts')).toHaveAttribute('aria-current', 'page')
  })

  it('goes to the not-found page for an unknown category', async () => {
    const fake = api()
    renderApp('/c/no-such-category')
    expect(await screen.findByTestId('not-found')).toBeInTheDocument()
    expect(fake.calls('GET', '/api/products')).toHaveLength(0)
  })

  it('opens and closes the filters on small screens through the UI store', async () => {
    api()
    renderApp('/c/apparel?in_stock=true')
    await screen.findByTestId('category-page')
    const button = screen.getByRole('button', { name: 'Filters (1)' })
    const panel = document.getElementById(button.getAttribute('aria-controls')!)!
    expect(button).toHaveAttribute('aria-expanded', 'false')
    expect(panel).toHaveAttribute('data-open', 'false')

    fireEvent.click(button)
    expect(useUiStore.getState().filtersOpen).toBe(true)
    expect(panel).toHaveAttribute('data-open', 'true')

    fireEvent.click(within(panel).getByRole('button', { name: /^Show \d+ products$/ }))
    expect(useUiStore.getState().filtersOpen).toBe(false)
    expect(button).toHaveAttribute('aria-expanded', 'false')
  })
})
