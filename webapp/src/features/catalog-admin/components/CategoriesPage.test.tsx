import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, makeUser, meEndpoint } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { fakeCatalogAdmin, makeAdminProduct } from '../test/fakeCatalogAdmin'

const staff = makeUser({ id: 'u-staff', roles: ['staff'] })

function setup() {
  const admin = fakeCatalogAdmin({
    products: [makeAdminProduct({ id: 'p-1', name: 'A Book', category: 'books' })],
  })
  const api = fakeApi(admin.routes({ 'GET /api/me': meEndpoint(() => staff), 'GET /api/auth/csrf': csrfEndpoint() }))
  return { admin, api }
}

const item = (name: string) => within(screen.getByRole('article', { name }))

describe('category editor', () => {
  it('shows the 409 message when a category is not empty, and deletes an empty one', async () => {
    const { api, admin } = setup()
    renderApp('/admin/categories')
    await screen.findByTestId('admin-categories')

    fireEvent.click(item('Apparel').getByRole('button', { name: 'Delete Apparel' }))
    // Nothing is deleted before confirming.
    expect(api.calls('DELETE', '/api/admin/categories/c-apparel')).toHaveLength(0)
    fireEvent.click(item('Apparel').getByRole('button', { name: 'Yes, delete Apparel' }))

    expect(await item('Apparel').findByRole('alert')).toHaveTextContent(
      'The category still has sub-categories or products.',
    )
    expect(api.calls('DELETE', '/api/admin/categories/c-apparel')).toHaveLength(1)
    expect(screen.getByRole('article', { name: 'Shirts' })).toBeInTheDocument()

    // Books holds a product: 409 too.
    fireEvent.click(item('Books').getByRole('button', { name: 'Delete Books' }))
    fireEvent.click(item('Books').getByRole('button', { name: 'Yes, delete Books' }))
    expect(await item('Books').findByRole('alert')).toHaveTextContent('sub-categories or products')

    // Trousers is empty.
    fireEvent.click(item('Trousers').getByRole('button', { name: 'Delete Trousers' }))
    fireEvent.click(item('Trousers').getByRole('button', { name: 'Yes, delete Trousers' }))
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Trousers' })).not.toBeInTheDocument())
    expect(admin.state.tree[0]?.children.map((c) => c.slug)).toEqual(['shirts'])
    // The tree was asked for again, past the browser's cache.
    const treeCalls = api.calls('GET', '/api/categories')
    expect(treeCalls.length).toBeGreaterThan(1)
    expect(treeCalls.at(-1)?.headers.get('Cache-Control')).toBe('no-cache')
  })

  it('creates a category under a parent', async () => {
    const { api } = setup()
    renderApp('/admin/categories')
    const form = within(await screen.findByRole('form', { name: 'New category' }))
    fireEvent.change(form.getByLabelText('Name'), { target: { value: 'Rain Jackets' } })
    fireEvent.change(form.getByRole('combobox', { name: 'Parent' }), { target: { value: 'apparel' } })
    fireEvent.click(form.getByRole('button', { name: 'Create category' }))

    expect(await form.findByText('Category “Rain Jackets” created.')).toBeInTheDocument()
    expect(api.calls('POST', '/api/admin/categories')[0]?.body).toEqual({ name: 'Rain Jackets', parent: 'apparel' })
    expect(form.getByLabelText('Name')).toHaveValue('')
    // Listed below Apparel, after the tree was fetched again.
    const jackets = await screen.findByRole('article', { name: 'Rain Jackets' })
    expect(jackets).toHaveTextContent('rain-jackets')
    const apparelBranch = screen.getByRole('article', { name: 'Apparel' }).closest('li')!
    expect(apparelBranch).toContainElement(jackets)
  })

  it('renames, re-slugs and moves a category, sending only what changed', async () => {
    const { api } = setup()
    renderApp('/admin/categories')
    await screen.findByTestId('admin-categories')
    fireEvent.click(item('Shirts').getByRole('button', { name: 'Edit Shirts' }))
    const form = within(screen.getByRole('form', { name: 'Edit Shirts' }))
    // It cannot move under itself.
    const parent = form.getByRole('combobox', { name: 'Parent' })
    expect(within(parent).queryByRole('option', { name: /Shirts/ })).not.toBeInTheDocument()
    expect(parent).toHaveValue('apparel')

    fireEvent.change(form.getByLabelText('Name'), { target: { value: 'Tops' } })
    fireEvent.change(form.getByLabelText('Slug'), { target: { value: 'Tops!' } })
    fireEvent.click(form.getByRole('button', { name: 'Save Shirts' }))
    expect(form.getByLabelText('Slug')).toHaveAccessibleDescription(
      'Changing it changes the category’s address, /c/<slug>. Slug must be lower-case letters, digits and single dashes.',
    )
    expect(api.calls('PATCH', '/api/admin/categories/c-shirts')).toHaveLength(0)

    fireEvent.change(form.getByLabelText('Slug'), { target: { value: 'tops' } })
    fireEvent.change(parent, { target: { value: '' } })
    fireEvent.click(form.getByRole('button', { name: 'Save Shirts' }))

    const tops = await screen.findByRole('article', { name: 'Tops' })
    expect(api.calls('PATCH', '/api/admin/categories/c-shirts')[0]?.body).toEqual({ name: 'Tops', slug: 'tops', parent: '' })
    // Now a top-level category, not under Apparel.
    expect(screen.getByRole('article', { name: 'Apparel' }).closest('li')).not.toContainElement(tops)
  })

  it('shows the server’s 422 for a move under itself next to the parent field', async () => {
    const { admin } = setup()
    renderApp('/admin/categories')
    await screen.findByTestId('admin-categories')
    fireEvent.click(item('Apparel').getByRole('button', { name: 'Edit Apparel' }))
    const form = within(screen.getByRole('form', { name: 'Edit Apparel' }))
    // Another tab just moved Books under Shirts, below Apparel; this page does not know yet.
    const books = admin.state.tree.find((c) => c.slug === 'books')!
    admin.state.tree = admin.state.tree.filter((c) => c !== books)
    admin.state.tree[0]!.children[0]!.children = [books]
    fireEvent.change(form.getByRole('combobox', { name: 'Parent' }), { target: { value: 'books' } })
    fireEvent.click(form.getByRole('button', { name: 'Save Apparel' }))

    const select = form.getByRole('combobox', { name: 'Parent' })
    await waitFor(() => expect(select).toHaveAttribute('aria-invalid', 'true'))
    expect(select).toHaveAccessibleDescription(
      'Move it under another category, or to the top level. Parent cannot move a category under itself.',
    )
  })
})
