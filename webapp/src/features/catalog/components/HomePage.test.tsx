import { screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { catalogEndpoints } from '@/test/catalogFixtures'
import { fakeApi, meEndpoint, problem } from '@/test/fakeApi'
import { renderApp } from '@/test/render'

describe('home page', () => {
  it('shows the eight newest products and the root categories', async () => {
    const fake = fakeApi({ 'GET /api/me': meEndpoint(() => null), ...catalogEndpoints() })
    renderApp('/')
    const home = await screen.findByTestId('home')

    expect(within(home).getByRole('heading', { level: 1, name: 'Welcome to Bazaar' })).toBeVisible()
    const arrivals = within(within(home).getByRole('region', { name: 'New arrivals' }))
    const cards = arrivals.getAllByTestId('product-card')
    expect(cards).toHaveLength(8)
    expect(within(cards[0]!).getByRole('link')).toHaveTextContent('Fjordline Boot 30')
    expect(fake.calls('GET', '/api/products')[0]?.search.toString()).toBe('limit=8')

    const categories = within(within(home).getByRole('region', { name: 'Shop by category' }))
    expect(categories.getByRole('link', { name: 'Apparel' })).toHaveAttribute('href', '/c/apparel')
    expect(categories.getByRole('link', { name: 'Shoes' })).toHaveAttribute('href', '/c/shoes')
    expect(categories.getByRole('link', { name: 'Shirts' })).toHaveAttribute('href', '/c/shirts')
  })

  describe('when the catalog fails', () => {
    const silence = (event: ErrorEvent) => event.preventDefault()
    beforeEach(() => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      window.addEventListener('error', silence)
    })
    afterEach(() => window.removeEventListener('error', silence))

    it('still welcomes the visitor and says which section could not load', async () => {
      fakeApi({
        'GET /api/me': meEndpoint(() => null),
        ...catalogEndpoints(),
        'GET /api/products': () => problem(400, { detail: 'limit: must be a whole number from 1 to 100' }),
      })
      renderApp('/')
      const home = await screen.findByTestId('home')
      expect(within(home).getByRole('heading', { level: 1, name: 'Welcome to Bazaar' })).toBeVisible()
      const alert = await within(home).findByRole('alert')
      expect(alert).toHaveTextContent('We could not load the new arrivals.')
      expect(within(home).getByRole('link', { name: 'Apparel' })).toBeInTheDocument()
    })
  })
})
