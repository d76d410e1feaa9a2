import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, makeUser, meEndpoint } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { fakeCatalogAdmin, makeAdminProduct, makeAdminVariant } from '../test/fakeCatalogAdmin'
import type { AdminProduct } from '../types'

const staff = makeUser({ id: 'u-staff', roles: ['customer', 'staff'] })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let products: AdminProduct[]

function setup() {
  const admin = fakeCatalogAdmin({ products })
  const api = fakeApi(admin.routes({ 'GET /api/me': meEndpoint(() => staff), 'GET /api/auth/csrf': csrfEndpoint() }))
  return { admin, api }
}

const rowNames = () =>
  screen.getAllByTestId('product-row').map((row) => within(row).getByRole('rowheader').querySelector('a')?.textContent)

describe('admin product list', () => {
  beforeEach(() => {
    products = [
      makeAdminProduct({ id: 'p-1', name: 'Kestrel Linen Shirt', category: 'shirts' }),
      makeAdminProduct({
        id: 'p-2',
        name: 'Northwind Chinos',
        category: 'trousers',
        status: 'draft',
        variants: [makeAdminVariant({ id: 'p-2-v1', sku: 'NW-CHINO-32', price: { amount: 4999, currency: 'EUR' } })],
      }),
      makeAdminProduct({ id: 'p-3', name: 'Kestrel Field Guide', category: 'books', status: 'archived' }),
    ]
  })

  it('lists products in any status, each linking to its editor', async () => {
    setup()
    renderApp('/admin/products')
    const page = within(await screen.findByTestId('admin-products'))
    expect(rowNames()).toEqual(['Kestrel Linen Shirt', 'Northwind Chinos', 'Kestrel Field Guide'])
    const chinos = screen.getAllByTestId('product-row')[1]!
    expect(within(chinos).getByRole('link', { name: 'Northwind Chinos' })).toHaveAttribute('href', '/admin/products/p-2')
    expect(chinos).toHaveTextContent('Draft')
    expect(chinos).toHaveTextContent('Trousers')
    expect(chinos).toHaveTextContent('€49.99')
    expect(page.getByRole('link', { name: 'New product' })).toHaveAttribute('href', '/admin/products/new')
    expect(page.getByRole('link', { name: 'Import / export' })).toHaveAttribute('href', '/admin/import')
  })

  it('searches after a pause in typing: the term goes in the URL and the list is fetched again', async () => {
    const { api } = setup()
    const { router } = renderApp('/admin/products')
    await screen.findByTestId('admin-products')
    const box = screen.getByRole('searchbox', { name: 'Find products' })

    for (const text of ['k', 'ke', 'kes', 'kestrel']) {
      fireEvent.change(box, { target: { value: text } })
      await sleep(60)
    }
    // Quicker than the debounce: nothing searched yet.
    expect(api.calls('GET', '/api/admin/products')).toHaveLength(1)
    expect(router.state.location.search).toEqual({})

    await waitFor(() => expect(router.state.location.search).toEqual({ q: 'kestrel' }))
    await waitFor(() => expect(rowNames()).toEqual(['Kestrel Linen Shirt', 'Kestrel Field Guide']))
    expect(api.calls('GET', '/api/admin/products').map((r) => r.search.get('q'))).toEqual([null, 'kestrel'])
    expect(box).toHaveValue('kestrel')
    expect(screen.getByTestId('product-count')).toHaveTextContent('Showing 2 products matching “kestrel”.')

    // A SKU matches too.
    fireEvent.change(box, { target: { value: 'NW-CHINO' } })
    await waitFor(() => expect(router.state.location.search).toEqual({ q: 'NW-CHINO' }))
    await waitFor(() => expect(rowNames()).toEqual(['Northwind Chinos']))
  })

  it('searches only from three characters on, and says so', async () => {
    const { api } = setup()
    const { router } = renderApp('/admin/products')
    await screen.findByTestId('admin-products')
    const box = screen.getByRole('searchbox', { name: 'Find products' })

    fireEvent.change(box, { target: { value: ' ke ' } })
    expect(await screen.findByText('Type at least 3 characters to search.')).toHaveAttribute('role', 'status')
    await sleep(400) // past the debounce
    expect(router.state.location.search).toEqual({})
    expect(api.calls('GET', '/api/admin/products')).toHaveLength(1)

    fireEvent.change(box, { target: { value: 'kes' } })
    await waitFor(() => expect(router.state.location.search).toEqual({ q: 'kes' }))
    expect(screen.queryByText('Type at least 3 characters to search.')).not.toBeInTheDocument()
    await waitFor(() => expect(rowNames()).toEqual(['Kestrel Linen Shirt', 'Kestrel Field Guide']))
  })

  it('filters by status and category through the URL', async () => {
    const { api } = setup()
    const { router } = renderApp('/admin/products?q=kestrel')
    await screen.findByTestId('admin-products')
    expect(screen.getByRole('searchbox', { name: 'Find products' })).toHaveValue('kestrel')
    expect(rowNames()).toEqual(['Kestrel Linen Shirt', 'Kestrel Field Guide'])

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'archived' } })
    await waitFor(() => expect(router.state.location.search).toEqual({ q: 'kestrel', status: 'archived' }))
    await waitFor(() => expect(rowNames()).toEqual(['Kestrel Field Guide']))

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: '' } })
    // A parent category includes its sub-categories.
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'apparel' } })
    await waitFor(() => expect(router.state.location.search).toEqual({ q: 'kestrel', category: 'apparel' }))
    await waitFor(() => expect(rowNames()).toEqual(['Kestrel Linen Shirt']))
    const last = api.calls('GET', '/api/admin/products').at(-1)!
    expect(last.search.get('category')).toBe('apparel')
    expect(last.search.get('status')).toBeNull()
  })

  it('loads more with the cursor', async () => {
    products = Array.from({ length: 60 }, (_, i) => makeAdminProduct({ id: `p-${i}`, name: `Product ${i}` }))
    const { api } = setup()
    renderApp('/admin/products')
    await screen.findByTestId('admin-products')
    expect(screen.getAllByTestId('product-row')).toHaveLength(50)

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(screen.getAllByTestId('product-row')).toHaveLength(60))
    expect(api.calls('GET', '/api/admin/products').at(-1)?.search.get('cursor')).toBe('50')
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
  })
})
