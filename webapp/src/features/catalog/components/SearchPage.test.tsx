import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { catalogEndpoints, catalogProducts, listProductsEndpoint } from '@/test/catalogFixtures'
import { fakeApi, json, meEndpoint } from '@/test/fakeApi'
import { renderApp } from '@/test/render'

function api() {
  return fakeApi({ 'GET /api/me': meEndpoint(() => null), ...catalogEndpoints() })
}

describe('search page', () => {
  it('says "more than" when the server counted a sample of a broad search', async () => {
    const exact = listProductsEndpoint(() => catalogProducts)
    fakeApi({
      'GET /api/me': meEndpoint(() => null),
      ...catalogEndpoints(),
      'GET /api/products': async (req) => {
        const res = await exact(req)
        const page = await res.json()
        return json({ ...page, facets: { ...page.facets, approximate: true } })
      },
    })
    renderApp('/search?q=kestrel')
    await screen.findByTestId('search-page')
    expect(screen.getByTestId('result-count')).toHaveTextContent('9+ products') // 10 counted
    expect(screen.getByText(/^Showing \d+ of 9\+ products$/)).toBeInTheDocument()
  })

  it('narrows the results to a category from the category facet, and back to all', async () => {
    const fake = api()
    const { router } = renderApp('/search?q=kestrel&in_stock=true')
    await screen.findByTestId('search-page')
    expect(screen.getByTestId('result-count')).toHaveTextContent('8 products')
    const facet = within(screen.getByRole('region', { name: 'Category' }))
    expect(facet.getByRole('link', { name: 'All categories' })).toHaveAttribute('aria-current', 'page')

    fireEvent.click(facet.getByRole('link', { name: 'Boots (2)' }))

    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('2 products'))
    expect(router.state.location.href).toBe('/search?q=kestrel&in_stock=true&category=boots')
    expect(fake.calls('GET', '/api/products').at(-1)?.search.get('category')).toBe('boots')
    expect(
      within(screen.getByRole('region', { name: 'Category' })).getByRole('link', { name: 'Boots (2)' }),
    ).toHaveAttribute('aria-current', 'page')
    // The category counts as a filter (with in-stock: two).
    expect(screen.getByRole('button', { name: 'Filters (2)' })).toBeInTheDocument()

    fireEvent.click(within(screen.getByRole('region', { name: 'Category' })).getByRole('link', { name: 'All categories' }))
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('8 products'))
    expect(router.state.location.href).toBe('/search?q=kestrel&in_stock=true')
  })

  it('offers every sort, best match first', async () => {
    api()
    const { router } = renderApp('/search?q=shirt')
    await screen.findByTestId('search-page')
    const sort = screen.getByRole('combobox', { name: 'Sort by' })
    expect(within(sort).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Best match',
      'Newest',
      'Price: low to high',
      'Price: high to low',
      'Name',
    ])
    fireEvent.change(sort, { target: { value: 'name' } })
    await waitFor(() => expect(router.state.location.href).toBe('/search?q=shirt&sort=name'))
  })

  it('asks for a term when there is none, without calling the API', async () => {
    const fake = api()
    renderApp('/search')
    const page = await screen.findByTestId('search-page')
    expect(within(page).getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
    expect(fake.calls('GET', '/api/products')).toHaveLength(0)
  })
})
