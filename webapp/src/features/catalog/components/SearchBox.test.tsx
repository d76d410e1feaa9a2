import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { catalogEndpoints } from '@/test/catalogFixtures'
import { fakeApi, meEndpoint } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { SUGGEST_DEBOUNCE_MS } from './SearchBox'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function api() {
  return fakeApi({ 'GET /api/me': meEndpoint(() => null), ...catalogEndpoints() })
}

async function searchBox() {
  await screen.findByTestId('home')
  const box = within(screen.getByRole('banner')).getByRole('combobox', { name: 'Search products' })
  box.focus()
  return box
}

const type = (box: HTMLElement, value: string) => fireEvent.change(box, { target: { value } })
const listbox = () => screen.getByRole('listbox', { name: 'Suggestions', hidden: true })

describe('header search box', () => {
  it('asks for suggestions once typing pauses, and only from two characters on', async () => {
    const fake = api()
    renderApp('/')
    const box = await searchBox()
    expect(box).toHaveAttribute('aria-expanded', 'false')

    type(box, 's')
    await sleep(SUGGEST_DEBOUNCE_MS + 150)
    expect(fake.calls('GET', '/api/search/suggest')).toHaveLength(0)

    // Keystrokes 50 ms apart: quicker than the debounce.
    for (const text of ['sh', 'shi', 'shir', 'shirt']) {
      type(box, text)
      await sleep(50)
    }
    expect(fake.calls('GET', '/api/search/suggest')).toHaveLength(0)

    expect(await screen.findByRole('option', { name: 'Kestrel Shirt 1' })).toBeVisible()
    const calls = fake.calls('GET', '/api/search/suggest')
    expect(calls.map((r) => r.search.get('q'))).toEqual(['shirt'])
    expect(box).toHaveAttribute('aria-expanded', 'true')
    expect(box).toHaveAttribute('aria-controls', listbox().id)

    const products = within(screen.getByRole('group', { name: 'Products' })).getAllByRole('option')
    expect(products).toHaveLength(8)
    expect(within(screen.getByRole('group', { name: 'Categories' })).getByRole('option', { name: 'Shirts' })).toBeVisible()
  })

  it('moves through the suggestions with the arrow keys and opens the highlighted one with Enter', async () => {
    api()
    const { router } = renderApp('/')
    const box = await searchBox()
    type(box, 'shirt')
    await screen.findByRole('option', { name: 'Kestrel Shirt 1' })
    const options = () => screen.getAllByRole('option')
    const selected = () => options().filter((o) => o.getAttribute('aria-selected') === 'true')
    expect(selected()).toHaveLength(0)
    expect(box).not.toHaveAttribute('aria-activedescendant')

    fireEvent.keyDown(box, { key: 'ArrowDown' })
    expect(selected()).toEqual([options()[0]])
    expect(box).toHaveAttribute('aria-activedescendant', options()[0]!.id)

    fireEvent.keyDown(box, { key: 'ArrowDown' })
    expect(selected()).toEqual([options()[1]])

    // Up from the first wraps to the last: the category.
    fireEvent.keyDown(box, { key: 'ArrowUp' })
    fireEvent.keyDown(box, { key: 'ArrowUp' })
    expect(selected()).toEqual([screen.getByRole('option', { name: 'Shirts' })])
    expect(box).toHaveAttribute('aria-activedescendant', screen.getByRole('option', { name: 'Shirts' }).id)

    fireEvent.keyDown(box, { key: 'Enter' })

    expect(await screen.findByTestId('category-page')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/c/shirts')
    expect(box).toHaveAttribute('aria-expanded', 'false')
    expect(box).toHaveValue('')
  })

  it('goes to the search results with Enter when nothing is highlighted', async () => {
    const fake = api()
    const { router } = renderApp('/')
    const box = await searchBox()
    type(box, '  shirt ')
    await screen.findByRole('option', { name: 'Kestrel Shirt 1' })

    fireEvent.keyDown(box, { key: 'Enter' })

    const page = await screen.findByTestId('search-page')
    expect(router.state.location.href).toBe('/search?q=shirt')
    expect(within(page).getByRole('heading', { level: 1, name: 'Results for “shirt”' })).toBeVisible()
    expect(screen.getByTestId('result-count')).toHaveTextContent('10 products')
    // Relevance is the default: no sort is sent, and the select shows it.
    const listing = fake.calls('GET', '/api/products').at(-1)!
    expect(listing.search.get('q')).toBe('shirt')
    expect(listing.search.get('sort')).toBeNull()
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('relevance')
    expect(box).toHaveValue('shirt')
    expect(box).toHaveAttribute('aria-expanded', 'false')
  })

  it('closes the list with Escape, then clears the box with a second Escape', async () => {
    api()
    renderApp('/')
    const box = await searchBox()
    type(box, 'boot')
    await screen.findByRole('option', { name: 'Kestrel Boot 22' })

    fireEvent.keyDown(box, { key: 'Escape' })
    expect(box).toHaveAttribute('aria-expanded', 'false')
    expect(screen.queryByRole('option')).not.toBeInTheDocument()
    expect(box).toHaveValue('boot')

    // Down opens it again.
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    expect(box).toHaveAttribute('aria-expanded', 'true')
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true')

    fireEvent.keyDown(box, { key: 'Escape' })
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(box).toHaveValue('')
  })

  it('opens a product when its suggestion is clicked', async () => {
    api()
    const { router } = renderApp('/')
    const box = await searchBox()
    type(box, 'boot')
    fireEvent.click(await screen.findByRole('option', { name: 'Kestrel Boot 22' }))
    expect(await screen.findByTestId('product-page')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/p/kestrel-boot-22')
  })

  it('finds nothing to suggest: no list, but Enter still searches', async () => {
    const fake = api()
    const { router } = renderApp('/')
    const box = await searchBox()
    type(box, 'zz')
    await waitFor(() => expect(fake.calls('GET', '/api/search/suggest')).toHaveLength(1))
    await sleep(50)
    expect(box).toHaveAttribute('aria-expanded', 'false')

    fireEvent.keyDown(box, { key: 'Enter' })
    const empty = await screen.findByTestId('empty')
    expect(router.state.location.href).toBe('/search?q=zz')
    expect(within(empty).getByRole('heading', { name: 'No products match “zz”' })).toBeVisible()
  })
})
