import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { catalogEndpoints, catalogProducts, detailOf, makeVariant } from '@/test/catalogFixtures'
import { fakeApi, meEndpoint, problem } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import type { ProductDetail } from '../types'

const eur = (major: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(major)
const money = (amount: number) => ({ amount, currency: 'EUR' })

const shirt: ProductDetail = {
  ...detailOf(catalogProducts[0]!),
  slug: 'kestrel-oxford-shirt',
  name: 'Kestrel Oxford Shirt',
  description: 'A shirt for every day.\n\nMachine washable.',
  attributes: { brand: 'Kestrel', material: 'Organic cotton' },
  images: [{ url: '/api/catalog/images/210-OS.svg', alt: 'Kestrel Oxford Shirt, front' }],
  breadcrumb: [
    { slug: 'apparel', name: 'Apparel' },
    { slug: 'shirts', name: 'Shirts' },
  ],
  variants: [
    makeVariant({
      id: 'v-s-navy',
      options: { size: 'S', colour: 'Navy' },
      price: money(3899),
      compare_at_price: money(4999),
      stock_available: 12,
    }),
    makeVariant({ id: 'v-m-navy', options: { size: 'M', colour: 'Navy' }, price: money(4099), stock_available: 3 }),
    makeVariant({ id: 'v-l-navy', options: { size: 'L', colour: 'Navy' }, price: money(4299), stock_available: 0 }),
    makeVariant({ id: 'v-s-rust', options: { size: 'S', colour: 'Rust' }, price: money(3899), stock_available: 5 }),
  ],
  price: money(3899),
  in_stock: true,
}

function api() {
  return fakeApi({
    'GET /api/me': meEndpoint(() => null),
    ...catalogEndpoints({ details: [shirt] }),
    'GET /api/products/gone': () => problem(404, { title: 'Not Found', detail: 'no product has this slug' }),
  })
}

const group = (name: RegExp) => within(screen.getByRole('group', { name }))

describe('product page', () => {
  it('shows the picture, name, price, description, attributes and breadcrumb', async () => {
    api()
    renderApp('/p/kestrel-oxford-shirt')
    const page = await screen.findByTestId('product-page')

    expect(within(page).getByRole('heading', { level: 1, name: 'Kestrel Oxford Shirt' })).toBeVisible()
    expect(within(page).getByRole('img', { name: 'Kestrel Oxford Shirt, front' })).toHaveAttribute(
      'src',
      '/api/catalog/images/210-OS.svg',
    )
    expect(within(page).getByText('Machine washable.')).toBeVisible()

    const crumbs = within(page).getByRole('navigation', { name: 'Breadcrumb' })
    expect(within(crumbs).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '/',
      '/c/apparel',
      '/c/shirts',
    ])
    expect(within(crumbs).getByText('Kestrel Oxford Shirt')).toHaveAttribute('aria-current', 'page')

    const details = within(page).getByRole('table', { name: 'Details' })
    expect(within(details).getByRole('rowheader', { name: 'Material' })).toBeInTheDocument()
    expect(within(details).getByRole('cell', { name: 'Organic cotton' })).toBeInTheDocument()

    // The first variant in stock is selected; its compare-at price is struck through.
    expect(screen.getByTestId('price')).toHaveTextContent(eur(38.99))
    expect(screen.getByTestId('compare-at-price').tagName).toBe('S')
    expect(screen.getByTestId('compare-at-price')).toHaveTextContent(eur(49.99))
    expect(screen.getByTestId('stock')).toHaveTextContent('In stock')
    expect(screen.getByRole('button', { name: 'Add to cart' })).toBeEnabled()
  })

  it('changing options updates price and stock, and an out-of-stock variant cannot be added', async () => {
    api()
    renderApp('/p/kestrel-oxford-shirt')
    await screen.findByTestId('product-page')
    const size = () => group(/^Size/)
    const colour = () => group(/^Colour/)
    expect(size().getByRole('radio', { name: 'S' })).toBeChecked()
    expect(colour().getByRole('radio', { name: 'Navy' })).toBeChecked()

    fireEvent.click(size().getByRole('radio', { name: 'M' }))
    expect(size().getByRole('radio', { name: 'M' })).toBeChecked()
    expect(screen.getByTestId('price')).toHaveTextContent(eur(40.99))
    expect(screen.queryByTestId('compare-at-price')).not.toBeInTheDocument()
    expect(screen.getByTestId('stock')).toHaveTextContent('Only 3 left')
    expect(screen.getByRole('button', { name: 'Add to cart' })).toBeEnabled()

    fireEvent.click(size().getByRole('radio', { name: 'L' }))
    expect(screen.getByTestId('price')).toHaveTextContent(eur(42.99))
    expect(screen.getByTestId('stock')).toHaveTextContent('Out of stock')
    expect(screen.getByRole('button', { name: 'Add to cart' })).toBeDisabled()

    // There is no L in Rust: picking Rust moves to the Rust variant there is.
    fireEvent.click(colour().getByRole('radio', { name: 'Rust' }))
    expect(colour().getByRole('radio', { name: 'Rust' })).toBeChecked()
    expect(size().getByRole('radio', { name: 'S' })).toBeChecked()
    expect(screen.getByTestId('price')).toHaveTextContent(eur(38.99))
    expect(screen.getByTestId('stock')).toHaveTextContent('Only 5 left')
    expect(screen.getByRole('button', { name: 'Add to cart' })).toBeEnabled()
  })

  it('selects the first variant in stock, and disables Add to cart when none is', async () => {
    const soldOut: ProductDetail = {
      ...shirt,
      variants: shirt.variants.map((v) => ({ ...v, stock_available: 0 })),
      in_stock: false,
    }
    fakeApi({
      'GET /api/me': meEndpoint(() => null),
      ...catalogEndpoints({ details: [soldOut] }),
    })
    renderApp('/p/kestrel-oxford-shirt')
    await screen.findByTestId('product-page')
    expect(screen.getByTestId('stock')).toHaveTextContent('Out of stock')
    expect(screen.getByRole('button', { name: 'Add to cart' })).toBeDisabled()
  })

  it('shows the not-found page for an unknown product', async () => {
    api()
    renderApp('/p/gone')
    const notFound = await screen.findByTestId('not-found')
    expect(within(notFound).getByRole('heading', { name: 'Page not found' })).toBeVisible()
    expect(screen.queryByTestId('product-page')).not.toBeInTheDocument()
  })

  it('opens a product from a category card', async () => {
    fakeApi({ 'GET /api/me': meEndpoint(() => null), ...catalogEndpoints() })
    const { router } = renderApp('/c/apparel')
    await screen.findByTestId('category-page')

    fireEvent.click(screen.getByRole('link', { name: 'Northwind Chinos 20' }))

    const page = await screen.findByTestId('product-page')
    expect(router.state.location.pathname).toBe('/p/northwind-chinos-20')
    expect(within(page).getByRole('heading', { level: 1, name: 'Northwind Chinos 20' })).toBeVisible()
    expect(within(page).getByTestId('price')).toHaveTextContent(eur(29.99))
    // One variant without options: no picker.
    expect(within(page).queryByTestId('variant-picker')).not.toBeInTheDocument()
  })
})
