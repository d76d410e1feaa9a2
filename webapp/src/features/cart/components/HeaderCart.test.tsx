import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useUiStore } from '@/lib/ui'
import { catalogEndpoints, catalogProducts, detailOf, makeVariant } from '@/test/catalogFixtures'
import { fakeApi, json, makeUser, meEndpoint } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { fakeCart } from '../test/fakeCart'

const eur = (amount: number) => ({ amount, currency: 'EUR' })

// Product pages whose variants are the fake cart's.
const shirt = {
  ...detailOf(catalogProducts[0]!),
  slug: 'kestrel-oxford-shirt',
  name: 'Kestrel Oxford Shirt',
  variants: [
    makeVariant({ id: 'v-shirt', options: { size: 'M', colour: 'Navy' }, price: eur(3899), stock_available: 10 }),
    makeVariant({ id: 'v-shirt-l', options: { size: 'L', colour: 'Navy' }, price: eur(3899), stock_available: 0 }),
  ],
}
const boot = {
  ...detailOf(catalogProducts[20]!),
  slug: 'fjordline-boot',
  name: 'Fjordline Boot',
  variants: [makeVariant({ id: 'v-boot', options: { size: '42' }, price: eur(12000), stock_available: 3 })],
}

let me: ReturnType<typeof makeUser> | null = null

function api(cart: ReturnType<typeof fakeCart>) {
  me = null
  return fakeApi({
    'GET /api/me': meEndpoint(() => me),
    ...catalogEndpoints({ details: [shirt, boot] }),
    'GET /api/me/addresses': () => json({ items: [] }),
    ...cart.endpoints,
  })
}

// The first render of the whole app can be slow on a busy machine.
const appLoad = { timeout: 5000 }

const header = () => within(screen.getByRole('banner'))
const cartButton = () => header().getByRole('button', { name: /^Cart/ })

describe('header cart', () => {
  it('shows the number of items in the cart', async () => {
    api(fakeCart({ lines: [{ variant: 'v-shirt', quantity: 2 }, { variant: 'v-boot', quantity: 1 }] }))
    renderApp('/')
    await waitFor(() => expect(cartButton()).toHaveAccessibleName('Cart, 3 items'), appLoad)
    expect(header().getByTestId('cart-count')).toHaveTextContent('3')
    expect(cartButton()).toHaveAttribute('aria-expanded', 'false')
  })

  it('opens the drawer after adding from the product page; Escape closes it and focus goes back', async () => {
    const cart = fakeCart()
    const fake = api(cart)
    renderApp('/p/kestrel-oxford-shirt')
    await screen.findByTestId('product-page', undefined, appLoad)
    await waitFor(() => expect(cartButton()).toHaveAccessibleName('Cart, 0 items'))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

    const purchase = within(screen.getByRole('form', { name: 'Add to cart' }))
    fireEvent.click(purchase.getByRole('button', { name: 'Increase quantity' }))
    expect(purchase.getByRole('spinbutton', { name: 'Quantity' })).toHaveValue(2)
    const add = purchase.getByRole('button', { name: 'Add to cart' })
    add.focus()
    fireEvent.click(add)

    const drawer = await screen.findByRole('dialog', { name: 'Your cart' })
    expect(fake.calls('POST', '/api/cart/items')[0]?.body).toEqual({ variant_id: 'v-shirt', quantity: 2 })
    expect(drawer).toHaveAttribute('aria-modal', 'true')
    expect(drawer).toHaveFocus()
    expect(within(drawer).getByRole('article', { name: 'Kestrel Oxford Shirt' })).toBeInTheDocument()
    expect(within(drawer).getByRole('spinbutton', { name: 'Quantity of Kestrel Oxford Shirt' })).toHaveValue(2)
    expect(within(drawer).getByRole('link', { name: 'View cart' })).toHaveAttribute('href', '/cart')
    expect(cartButton()).toHaveAccessibleName('Cart, 2 items')
    expect(cartButton()).toHaveAttribute('aria-expanded', 'true')

    fireEvent.keyDown(drawer, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(useUiStore.getState().cartOpen).toBe(false)
    expect(add).toHaveFocus()
  })

  it('keeps Tab inside the open drawer and closes with its button', async () => {
    api(fakeCart({ lines: [{ variant: 'v-boot', quantity: 1 }] }))
    renderApp('/')
    await waitFor(() => expect(cartButton()).toHaveAccessibleName('Cart, 1 item'), appLoad)
    cartButton().focus()
    fireEvent.click(cartButton())

    const drawer = await screen.findByRole('dialog', { name: 'Your cart' })
    const close = within(drawer).getByRole('button', { name: 'Close cart' })
    const viewCart = within(drawer).getByRole('link', { name: 'View cart' })
    viewCart.focus()
    fireEvent.keyDown(viewCart, { key: 'Tab' })
    expect(close).toHaveFocus()
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true })
    expect(viewCart).toHaveFocus()

    fireEvent.click(close)
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(cartButton()).toHaveFocus()
  })

  it('shows a refused add below the button and leaves the drawer closed', async () => {
    api(fakeCart({ lines: [{ variant: 'v-boot', quantity: 3 }] }))
    renderApp('/p/fjordline-boot')
    await screen.findByTestId('product-page', undefined, appLoad)
    const purchase = within(screen.getByRole('form', { name: 'Add to cart' }))
    await waitFor(() => expect(purchase.getByText('3 in your cart')).toBeInTheDocument())

    fireEvent.click(purchase.getByRole('button', { name: 'Add to cart' }))

    const alert = await purchase.findByRole('alert')
    expect(alert).toHaveTextContent('Only 3 available. You already have 3 in your cart.')
    expect(purchase.getByRole('button', { name: 'Add to cart' })).toHaveAccessibleDescription(alert.textContent!)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(cartButton()).toHaveAccessibleName('Cart, 3 items')
  })

  it('disables adding a sold-out variant', async () => {
    api(fakeCart())
    renderApp('/p/kestrel-oxford-shirt')
    await screen.findByTestId('product-page', undefined, appLoad)
    fireEvent.click(within(screen.getByRole('group', { name: /^Size/ })).getByRole('radio', { name: 'L' }))
    const purchase = within(screen.getByRole('form', { name: 'Add to cart' }))
    expect(purchase.getByRole('button', { name: 'Add to cart' })).toBeDisabled()
    expect(purchase.getByRole('spinbutton', { name: 'Quantity' })).toBeDisabled()
  })

  it('asks for the cart again after signing in and shows what the merge adjusted', async () => {
    const cart = fakeCart({ lines: [{ variant: 'v-boot', quantity: 1 }] })
    me = null
    const user = makeUser()
    const routes = {
      'POST /api/auth/login': () => {
        me = user
        // What the server does on the first cart request of the new session.
        cart.state.lines = [
          { variant: 'v-boot', quantity: 3 },
          { variant: 'v-shirt', quantity: 1 },
        ]
        cart.state.once = [{ line_id: null, kind: 'merged', message: 'Fjordline Boot: 4 requested, only 3 available.' }]
        return json({ user })
      },
    }
    const withLogin = fakeApi({
      'GET /api/me': meEndpoint(() => me),
      ...catalogEndpoints({ details: [shirt, boot] }),
      'GET /api/me/addresses': () => json({ items: [] }),
      ...cart.endpoints,
      ...routes,
    })
    renderApp('/sign-in')
    await waitFor(() => expect(cartButton()).toHaveAccessibleName('Cart, 1 item'), appLoad)
    const form = within(await screen.findByRole('form', { name: 'Sign in' }))
    fireEvent.change(form.getByLabelText('Email'), { target: { value: user.email } })
    fireEvent.change(form.getByLabelText('Password'), { target: { value: 'correct horse battery' } })
    fireEvent.click(form.getByRole('button', { name: 'Sign in' }))

    await waitFor(() => expect(cartButton()).toHaveAccessibleName('Cart, 4 items'))
    expect(withLogin.calls('GET', '/api/cart').length).toBeGreaterThanOrEqual(2)

    fireEvent.click(cartButton())
    const drawer = await screen.findByRole('dialog', { name: 'Your cart' })
    expect(within(drawer).getByTestId('cart-notices')).toHaveTextContent('Fjordline Boot: 4 requested, only 3 available.')
    expect(within(drawer).getAllByTestId('cart-line')).toHaveLength(2)
  })

  it("shows the guest's cart after signing out", async () => {
    const cart = fakeCart({ lines: [{ variant: 'v-boot', quantity: 2 }] })
    const fake = api(cart)
    me = makeUser()
    fake.fetchMock.mockClear()
    const withLogout = fakeApi({
      'GET /api/me': meEndpoint(() => me),
      ...catalogEndpoints({ details: [shirt, boot] }),
      ...cart.endpoints,
      'POST /api/auth/logout': () => {
        me = null
        cart.state.lines = []
        return new Response(null, { status: 204 })
      },
    })
    renderApp('/')
    await waitFor(() => expect(cartButton()).toHaveAccessibleName('Cart, 2 items'), appLoad)

    fireEvent.click(header().getByRole('button', { name: 'Sign out' }))

    await waitFor(() => expect(cartButton()).toHaveAccessibleName('Cart, 0 items'))
    expect(withLogout.calls('GET', '/api/cart')).toHaveLength(2)
  })
})
