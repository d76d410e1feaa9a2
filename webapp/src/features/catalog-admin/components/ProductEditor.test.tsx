import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, makeUser, meEndpoint } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { fakeCatalogAdmin, makeAdminProduct, makeAdminVariant } from '../test/fakeCatalogAdmin'
import type { AdminProduct, ProductInput, VariantInput } from '../types'

const staff = makeUser({ id: 'u-staff', roles: ['customer', 'staff'] })

let products: AdminProduct[]

function setup() {
  const admin = fakeCatalogAdmin({ products })
  const api = fakeApi(admin.routes({ 'GET /api/me': meEndpoint(() => staff), 'GET /api/auth/csrf': csrfEndpoint() }))
  return { admin, api }
}

const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } })

describe('product editor: a new product', () => {
  beforeEach(() => {
    products = [
      makeAdminProduct({
        id: 'p-1',
        name: 'Kestrel Linen Shirt',
        variants: [makeAdminVariant({ id: 'p-1-v1', sku: 'KES-SHIRT-M' })],
      }),
    ]
  })

  it('shows the server’s error next to the variant field, then creates the product and opens its editor', async () => {
    const { api, admin } = setup()
    const { router } = renderApp('/admin/products/new')
    const form = within(await screen.findByRole('form', { name: 'New product' }))

    type(form.getByLabelText('Name'), 'Harbor Rain Jacket')
    fireEvent.change(form.getByRole('combobox', { name: 'Category' }), { target: { value: 'shirts' } })
    fireEvent.change(form.getByRole('combobox', { name: 'Status' }), { target: { value: 'active' } })
    fireEvent.click(form.getByRole('button', { name: 'Add attribute' }))
    type(form.getByLabelText('Attribute 1 name'), 'brand')
    type(form.getByLabelText('Attribute 1 value'), 'Harbor')

    const variant = within(form.getByRole('group', { name: 'Variant 1' }))
    // Taken by the Kestrel shirt: the client cannot know, the server says so.
    type(variant.getByLabelText('SKU'), 'KES-SHIRT-M')
    type(variant.getByLabelText('Price (EUR)'), '89.9')
    type(variant.getByLabelText('Compare-at price (EUR)'), '119,00')
    type(variant.getByLabelText('Initial stock'), '12')
    fireEvent.click(variant.getByRole('button', { name: 'Add option' }))
    type(variant.getByLabelText('Option 1 name'), 'size')
    type(variant.getByLabelText('Option 1 value'), 'M')
    fireEvent.click(form.getByRole('button', { name: 'Create product' }))

    const sku = variant.getByLabelText('SKU')
    await waitFor(() => expect(sku).toHaveAttribute('aria-invalid', 'true'))
    expect(sku).toHaveAccessibleDescription('SKU is already used by another variant.')
    expect(sku).toHaveFocus()
    // The other fields are fine.
    expect(variant.getByLabelText('Price (EUR)')).not.toHaveAttribute('aria-invalid')
    expect(router.state.location.pathname).toBe('/admin/products/new')

    const [first] = api.calls('POST', '/api/admin/products')
    const body = first!.body as ProductInput
    // Decimals typed, minor units sent.
    expect(body.variants).toEqual([
      { sku: 'KES-SHIRT-M', options: { size: 'M' }, price: 8990, compare_at_price: 11900, on_hand: 12, currency: 'EUR' },
    ])
    expect(body).toMatchObject({
      name: 'Harbor Rain Jacket',
      status: 'active',
      category: 'shirts',
      attributes: { brand: 'Harbor' },
      images: [],
    })
    // Left empty, the slug is made by the server.
    expect(body).not.toHaveProperty('slug')
    expect(first!.headers.get('X-CSRFToken')).toBe('csrf-test-token')

    // Editing the field clears its error; a free SKU goes through.
    type(sku, 'HAR-JACKET-M')
    expect(sku).not.toHaveAttribute('aria-invalid')
    fireEvent.click(form.getByRole('button', { name: 'Create product' }))

    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/admin\/products\/p-new-\d+$/))
    const editor = await screen.findByTestId('product-editor')
    expect(within(editor).getByRole('heading', { level: 1 })).toHaveTextContent('Harbor Rain Jacket')
    const created = admin.state.products[0]!
    expect(created.variants?.[0]).toMatchObject({ sku: 'HAR-JACKET-M', price: { amount: 8990 }, on_hand: 12 })
    // Shown back as decimals.
    const card = within(screen.getByRole('article', { name: /HAR-JACKET-M/ }))
    expect(card.getByLabelText('Price (EUR)')).toHaveValue('89.90')
    expect(card.getByLabelText('Compare-at price (EUR)')).toHaveValue('119.00')
    expect(card.getByTestId('on-hand')).toHaveTextContent('12')
  })

  it('checks the fields before sending anything', async () => {
    const { api } = setup()
    renderApp('/admin/products/new')
    const form = within(await screen.findByRole('form', { name: 'New product' }))
    const variant = within(form.getByRole('group', { name: 'Variant 1' }))
    type(variant.getByLabelText('Price (EUR)'), '12.x')
    fireEvent.click(form.getByRole('button', { name: 'Create product' }))

    expect(await form.findByText('Name is required.')).toBeInTheDocument()
    expect(form.getByLabelText('Name')).toHaveFocus()
    expect(variant.getByLabelText('SKU')).toHaveAccessibleDescription('SKU is required.')
    expect(variant.getByLabelText('Price (EUR)')).toHaveAccessibleDescription('Price must be an amount such as 19.99.')
    expect(api.calls('POST', '/api/admin/products')).toHaveLength(0)
  })
})

describe('product editor: an existing product', () => {
  beforeEach(() => {
    products = [
      makeAdminProduct({
        id: 'p-1',
        name: 'Kestrel Linen Shirt',
        category: 'shirts',
        attributes: { brand: 'Kestrel' },
        images: [{ url: '/api/catalog/images/1.svg', alt: 'The shirt' }],
        variants: [
          makeAdminVariant({
            id: 'p-1-v1',
            sku: 'KES-SHIRT-M',
            options: { size: 'M' },
            price: { amount: 1999, currency: 'EUR' },
            compare_at_price: { amount: 2999, currency: 'EUR' },
          }),
          makeAdminVariant({ id: 'p-1-v2', sku: 'KES-SHIRT-L', options: { size: 'L' } }),
        ],
      }),
    ]
  })

  it('shows prices as decimals and saves one variant in minor units', async () => {
    const { api, admin } = setup()
    renderApp('/admin/products/p-1')
    const card = within(await screen.findByRole('article', { name: /KES-SHIRT-M/ }))
    const variantForm = within(card.getByRole('form', { name: 'Variant KES-SHIRT-M' }))
    const price = variantForm.getByLabelText('Price (EUR)')
    expect(price).toHaveValue('19.99')
    expect(variantForm.getByLabelText('Compare-at price (EUR)')).toHaveValue('29.99')
    expect(variantForm.getByLabelText('Option 1 name')).toHaveValue('size')
    const save = variantForm.getByRole('button', { name: /^Save variant/ })
    expect(save).toBeDisabled()

    type(price, '21.5')
    // Emptied: the compare-at price is cleared (null).
    type(variantForm.getByLabelText('Compare-at price (EUR)'), '')
    fireEvent.click(save)

    expect(await variantForm.findByText('Variant saved.')).toBeInTheDocument()
    const [patch] = api.calls('PATCH', '/api/admin/variants/p-1-v1')
    expect(patch?.body as VariantInput).toEqual({
      sku: 'KES-SHIRT-M',
      options: { size: 'M' },
      price: 2150,
      compare_at_price: null,
    })
    expect(admin.state.products[0]?.variants?.[0]?.price.amount).toBe(2150)
    expect(price).toHaveValue('21.50')
    // Only that variant was sent.
    expect(api.calls('PATCH', '/api/admin/variants/p-1-v2')).toHaveLength(0)
  })

  it('saves the product fields and archives the product after confirming', async () => {
    const { api, admin } = setup()
    renderApp('/admin/products/p-1')
    const form = within(await screen.findByRole('form', { name: 'Product details' }))
    expect(form.getByLabelText('Picture 1 URL')).toHaveValue('/api/catalog/images/1.svg')
    expect(form.getByRole('combobox', { name: 'Category' })).toHaveValue('shirts')

    type(form.getByLabelText('Name'), '')
    fireEvent.click(form.getByRole('button', { name: 'Save product' }))
    expect(await form.findByText('Name is required.')).toBeInTheDocument()
    expect(api.calls('PATCH', '/api/admin/products/p-1')).toHaveLength(0)

    type(form.getByLabelText('Name'), 'Kestrel Linen Shirt II')
    fireEvent.change(form.getByRole('combobox', { name: 'Category' }), { target: { value: '' } })
    fireEvent.click(form.getByRole('button', { name: 'Remove picture 1' }))
    fireEvent.click(form.getByRole('button', { name: 'Save product' }))
    expect(await form.findByText('Product saved.')).toBeInTheDocument()
    expect(api.calls('PATCH', '/api/admin/products/p-1')[0]?.body).toEqual({
      name: 'Kestrel Linen Shirt II',
      slug: 'kestrel-linen-shirt',
      description: '',
      status: 'active',
      category: '',
      attributes: { brand: 'Kestrel' },
      images: [],
    })
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Kestrel Linen Shirt II')

    fireEvent.click(screen.getByRole('button', { name: 'Archive product' }))
    expect(api.calls('DELETE', '/api/admin/products/p-1')).toHaveLength(0)
    fireEvent.click(within(screen.getByRole('group', { name: 'Confirm archiving' })).getByRole('button', { name: 'Yes, archive' }))
    await waitFor(() => expect(api.calls('DELETE', '/api/admin/products/p-1')).toHaveLength(1))
    expect(await screen.findByText(/This product is archived/)).toBeInTheDocument()
    expect(admin.state.products[0]?.status).toBe('archived')
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Archived')
  })

  it('adds a variant with its initial stock', async () => {
    const { api } = setup()
    renderApp('/admin/products/p-1')
    await screen.findByRole('article', { name: /KES-SHIRT-M/ })
    fireEvent.click(screen.getByRole('button', { name: 'Add variant' }))
    const form = within(screen.getByRole('form', { name: 'New variant' }))
    type(form.getByLabelText('SKU'), 'KES-SHIRT-XL')
    type(form.getByLabelText('Price (EUR)'), '24')
    type(form.getByLabelText('Initial stock'), '7')
    fireEvent.click(form.getByRole('button', { name: 'Add variant' }))

    const card = within(await screen.findByRole('article', { name: /KES-SHIRT-XL/ }))
    expect(card.getByTestId('on-hand')).toHaveTextContent('7')
    expect(api.calls('POST', '/api/admin/products/p-1/variants')[0]?.body).toEqual({
      sku: 'KES-SHIRT-XL',
      options: {},
      price: 2400,
      on_hand: 7,
    })
    expect(screen.getByText('Variant KES-SHIRT-XL added.')).toBeInTheDocument()
  })

  it('shows the not-found page for an unknown product', async () => {
    setup()
    renderApp('/admin/products/nope')
    expect(await screen.findByTestId('not-found')).toBeInTheDocument()
  })
})
