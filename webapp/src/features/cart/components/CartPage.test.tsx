import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { catalogEndpoints } from '@/test/catalogFixtures'
import { fakeApi, meEndpoint } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { fakeCart, lineId } from '../test/fakeCart'

const eur = (amount: number) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(amount / 100)

function api(cart: ReturnType<typeof fakeCart>) {
  return fakeApi({ 'GET /api/me': meEndpoint(() => null), ...catalogEndpoints(), ...cart.endpoints })
}

async function openCart() {
  renderApp('/cart')
  // The first render of the whole app can be slow on a busy machine.
  return within(await screen.findByTestId('cart-page', undefined, { timeout: 5000 }))
}

const line = (name: string) => screen.getByRole('article', { name })
const headerCount = () => within(screen.getByRole('banner')).getByTestId('cart-count')

describe('cart page', () => {
  it('lists the lines with picture, options, unit price, quantity and line total, and the totals', async () => {
    api(fakeCart({ lines: [{ variant: 'v-shirt', quantity: 2 }, { variant: 'v-boot', quantity: 1 }] }))
    const page = await openCart()

    expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible()
    expect(page.getAllByTestId('cart-line')).toHaveLength(2)
    const shirt = within(line('Kestrel Oxford Shirt'))
    expect(shirt.getByRole('link', { name: 'Kestrel Oxford Shirt' })).toHaveAttribute('href', '/p/kestrel-oxford-shirt')
    expect(shirt.getByText('Size: M · Colour: Navy')).toBeInTheDocument()
    expect(shirt.getByTestId('unit-price')).toHaveTextContent(`${eur(3899)} each`)
    expect(shirt.getByRole('spinbutton', { name: 'Quantity of Kestrel Oxford Shirt' })).toHaveValue(2)
    expect(shirt.getByTestId('line-total')).toHaveTextContent(eur(7798))
    expect(line('Kestrel Oxford Shirt').querySelector('img')).toHaveAttribute('src', '/img/v-shirt.svg')

    expect(page.getByTestId('cart-subtotal')).toHaveTextContent(eur(19798))
    expect(page.getByTestId('cart-total')).toHaveTextContent(eur(19798))
    expect(page.queryByTestId('cart-discount')).not.toBeInTheDocument()
    expect(page.getByText('3 items')).toBeInTheDocument()
    expect(headerCount()).toHaveTextContent('3')
  })

  it('shows warnings next to their lines, and cart-wide ones above the lines', async () => {
    const cart = fakeCart({
      lines: [{ variant: 'v-shirt', quantity: 1 }, { variant: 'v-mug', quantity: 1 }, { variant: 'v-boot', quantity: 1 }],
      warnings: [{ line_id: null, kind: 'merged', message: 'Fjordline Boot: 5 requested, only 3 available.' }],
    })
    cart.state.always = [
      {
        line_id: lineId('v-shirt'),
        kind: 'price_changed',
        message: 'The price changed from 35.00 EUR to 38.99 EUR.',
        old_price: { amount: 3500, currency: 'EUR' },
        new_price: { amount: 3899, currency: 'EUR' },
      },
      { line_id: null, kind: 'discount_removed', message: 'Code OLD no longer applies: this code has expired.' },
    ]
    api(cart)
    const page = await openCart()

    const shirtWarnings = within(line('Kestrel Oxford Shirt')).getByTestId('line-warnings')
    expect(shirtWarnings).toHaveTextContent(`The price changed from ${eur(3500)} to ${eur(3899)}.`)
    expect(within(line('Northwind Mug')).getByTestId('line-warnings')).toHaveTextContent('Out of stock.')
    // An out-of-stock line cannot be changed, only removed.
    expect(within(line('Northwind Mug')).getByRole('button', { name: 'Increase quantity of Northwind Mug' })).toBeDisabled()
    expect(within(line('Fjordline Boot')).queryByTestId('line-warnings')).not.toBeInTheDocument()

    // Above the lines: the code that no longer applies and the sign-in merge's adjustments.
    const notices = page.getByTestId('cart-notices')
    expect(notices.compareDocumentPosition(page.getByTestId('cart-lines')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(notices).toHaveTextContent('Code OLD no longer applies: this code has expired.')
    expect(notices).toHaveTextContent('We added the cart from before you signed in:')
    expect(notices).toHaveTextContent('Fjordline Boot: 5 requested, only 3 available.')
    expect(within(line('Fjordline Boot')).queryByText(/requested/)).not.toBeInTheDocument()

    fireEvent.click(within(notices).getByRole('button', { name: 'Dismiss' }))
    await waitFor(() => expect(page.queryByText(/5 requested/)).not.toBeInTheDocument())
    expect(page.getByText('Code OLD no longer applies: this code has expired.')).toBeInTheDocument()
  })

  it("shows the server's reason for a refused code at the field, then applies and removes a good one", async () => {
    const fake = api(fakeCart({ lines: [{ variant: 'v-shirt', quantity: 2 }] }))
    const page = await openCart()
    const form = within(page.getByRole('form', { name: 'Discount code' }))
    const field = form.getByLabelText('Discount code')

    fireEvent.change(field, { target: { value: 'nope' } })
    fireEvent.click(form.getByRole('button', { name: 'Apply' }))

    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'))
    expect(field).toHaveAccessibleDescription('No such code.')
    expect(field).toHaveFocus()
    expect(fake.calls('POST', '/api/cart/discount')[0]?.body).toEqual({ code: 'nope' })
    expect(page.queryByTestId('cart-discount')).not.toBeInTheDocument()

    fireEvent.change(field, { target: { value: ' save10 ' } })
    expect(field).not.toHaveAttribute('aria-invalid')
    fireEvent.click(form.getByRole('button', { name: 'Apply' }))

    expect(await page.findByTestId('discount-applied')).toHaveTextContent('Code SAVE10 applied.')
    expect(page.getByTestId('cart-discount')).toHaveTextContent(`−${eur(780)}`)
    expect(page.getByTestId('cart-total')).toHaveTextContent(eur(7798 - 780))

    fireEvent.click(page.getByRole('button', { name: 'Remove code SAVE10' }))
    expect(await page.findByRole('form', { name: 'Discount code' })).toBeInTheDocument()
    expect(page.queryByTestId('cart-discount')).not.toBeInTheDocument()
    expect(page.getByTestId('cart-total')).toHaveTextContent(eur(7798))
  })

  it('changes a quantity at once, before the server answers, and caps typed quantities at the stock', async () => {
    const cart = fakeCart({ lines: [{ variant: 'v-shirt', quantity: 1 }, { variant: 'v-boot', quantity: 3 }] })
    const fake = api(cart)
    const page = await openCart()
    const shirt = () => within(line('Kestrel Oxford Shirt'))

    cart.hold()
    fireEvent.click(page.getByRole('button', { name: 'Increase quantity of Kestrel Oxford Shirt' }))
    // Optimistic: the server has not answered yet.
    await waitFor(() => expect(shirt().getByRole('spinbutton')).toHaveValue(2))
    expect(shirt().getByTestId('line-total')).toHaveTextContent(eur(7798))
    expect(headerCount()).toHaveTextContent('5')
    expect(page.getByTestId('cart-total')).toHaveTextContent(eur(7798 + 36000))
    expect(cart.state.lines[0]?.quantity).toBe(1)
    expect(fake.calls('PATCH', `/api/cart/items/${lineId('v-shirt')}`)[0]?.body).toEqual({ quantity: 2 })

    cart.release()
    await waitFor(() => expect(cart.state.lines[0]?.quantity).toBe(2))
    await waitFor(() => expect(page.getByTestId('cart-summary')).not.toHaveAttribute('aria-busy'))
    expect(shirt().getByRole('spinbutton')).toHaveValue(2)

    // Typing 5 boots: only 3 are in stock, which is what the line has.
    const boots = within(line('Fjordline Boot')).getByRole('spinbutton', { name: 'Quantity of Fjordline Boot' })
    expect(within(line('Fjordline Boot')).getByRole('button', { name: 'Increase quantity of Fjordline Boot' })).toBeDisabled()
    fireEvent.change(boots, { target: { value: '5' } })
    fireEvent.keyDown(boots, { key: 'Enter' })
    expect(boots).toHaveValue(3)
    expect(fake.calls('PATCH', `/api/cart/items/${lineId('v-boot')}`)).toHaveLength(0)

    // A typed quantity in range is sent.
    fireEvent.change(boots, { target: { value: '2' } })
    fireEvent.blur(boots)
    await waitFor(() => expect(cart.state.lines[1]?.quantity).toBe(2))
    expect(fake.calls('PATCH', `/api/cart/items/${lineId('v-boot')}`)[0]?.body).toEqual({ quantity: 2 })
  })

  it('shows the error next to the line after a refused change, with the quantity rolled back', async () => {
    const cart = fakeCart({ lines: [{ variant: 'v-boot', quantity: 2 }] })
    api(cart)
    await openCart()
    // Someone else bought one meanwhile: the page still thinks 3 are available.
    cart.variant('v-boot').available = 2
    const boot = () => within(line('Fjordline Boot'))

    fireEvent.click(boot().getByRole('button', { name: 'Increase quantity of Fjordline Boot' }))

    const error = await boot().findByTestId('line-error')
    expect(error).toHaveTextContent('We could not change the quantity. Only 2 available.')
    expect(error).toHaveAttribute('role', 'alert')
    expect(boot().getByRole('spinbutton')).toHaveValue(2)
    expect(headerCount()).toHaveTextContent('2')
    expect(cart.state.lines[0]?.quantity).toBe(2)

    // A later change of the same line that goes through clears the message.
    fireEvent.click(boot().getByRole('button', { name: 'Decrease quantity of Fjordline Boot' }))
    await waitFor(() => expect(boot().queryByTestId('line-error')).not.toBeInTheDocument())
    await waitFor(() => expect(headerCount()).toHaveTextContent('1'))
    expect(cart.state.lines[0]?.quantity).toBe(1)
  })

  it('removes a line at once and moves focus to the heading', async () => {
    const fake = api(fakeCart({ lines: [{ variant: 'v-shirt', quantity: 1 }, { variant: 'v-boot', quantity: 2 }] }))
    const page = await openCart()

    fireEvent.click(page.getByRole('button', { name: 'Remove Fjordline Boot' }))

    await waitFor(() => expect(page.queryByRole('article', { name: 'Fjordline Boot' })).not.toBeInTheDocument())
    expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toHaveFocus()
    await waitFor(() => expect(fake.calls('DELETE', `/api/cart/items/${lineId('v-boot')}`)).toHaveLength(1))
    await waitFor(() => expect(headerCount()).toHaveTextContent('1'))
    expect(page.getByTestId('cart-total')).toHaveTextContent(eur(3899))
  })

  it('shows an empty cart with a way back to the shop', async () => {
    const { router } = (() => {
      api(fakeCart())
      return renderApp('/cart')
    })()
    const empty = await screen.findByTestId('cart-empty', undefined, { timeout: 5000 })
    expect(within(empty).getByRole('heading', { name: 'Your cart is empty' })).toBeVisible()
    expect(screen.queryByTestId('cart-lines')).not.toBeInTheDocument()
    expect(screen.queryByRole('form', { name: 'Discount code' })).not.toBeInTheDocument()
    expect(headerCount()).toHaveTextContent('0')

    fireEvent.click(within(empty).getByRole('link', { name: 'Continue shopping' }))
    expect(await screen.findByTestId('home')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/')
  })
})
