// A fake catalog back-office API for tests: products with variants and stock,
// the category tree, stock movements and import jobs, answering the way the
// Go server does (422 field errors, 409s, cursor pages).
//
//   const admin = fakeCatalogAdmin({ products: [...] })
//   const api = fakeApi(admin.routes({ 'GET /api/me': meEndpoint(() => staff), ...overrides }))
//   admin.state.products  // what the "server" holds now
import { json, noContent, problem, type FakeRequest, type Reply } from '@/test/fakeApi'
import type {
  AdminProduct,
  AdminVariant,
  CategoryInput,
  CategoryNode,
  Job,
  Movement,
  ProductInput,
  VariantInput,
} from '../types'

export function makeAdminVariant(overrides: Partial<AdminVariant> & { id: string }): AdminVariant {
  return {
    sku: overrides.id.toUpperCase(),
    options: {},
    price: { amount: 1999, currency: 'EUR' },
    compare_at_price: null,
    on_hand: 10,
    reserved: 0,
    position: 0,
    ...overrides,
  }
}

export function makeAdminProduct(overrides: Partial<AdminProduct> & { id: string; name: string }): AdminProduct {
  const slug = overrides.slug ?? overrides.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const variants = overrides.variants ?? [makeAdminVariant({ id: `${overrides.id}-v1` })]
  return {
    slug,
    description: '',
    status: 'active',
    category: null,
    attributes: {},
    images: [],
    price: variants[0]?.price ?? { amount: 1999, currency: 'EUR' },
    in_stock: variants.some((v) => v.on_hand > v.reserved),
    created_at: '2026-01-02T10:00:00Z',
    updated_at: '2026-01-03T10:00:00Z',
    ...overrides,
    variants,
  }
}

export const adminCategoryTree = (): CategoryNode[] => [
  {
    id: 'c-apparel',
    slug: 'apparel',
    name: 'Apparel',
    children: [
      { id: 'c-shirts', slug: 'shirts', name: 'Shirts', children: [] },
      { id: 'c-trousers', slug: 'trousers', name: 'Trousers', children: [] },
    ],
  },
  { id: 'c-books', slug: 'books', name: 'Books', children: [] },
]

/** List items carry no variants. */
function summary(product: AdminProduct): AdminProduct {
  const item = { ...product }
  delete item.variants
  return item
}

function findNode(tree: CategoryNode[], pred: (n: CategoryNode) => boolean): CategoryNode | undefined {
  for (const node of tree) {
    if (pred(node)) return node
    const below = findNode(node.children, pred)
    if (below) return below
  }
  return undefined
}

function detach(tree: CategoryNode[], id: string): CategoryNode[] {
  return tree.filter((n) => n.id !== id).map((n) => ({ ...n, children: detach(n.children, id) }))
}

function slugsUnder(node: CategoryNode): string[] {
  return [node.slug, ...node.children.flatMap(slugsUnder)]
}

/** The state and endpoints; tests read and change `state` directly. */
export function fakeCatalogAdmin(opts: { products?: AdminProduct[] } = {}) {
  const state = {
    products: opts.products ?? [],
    tree: adminCategoryTree(),
    movements: {} as Record<string, Movement[]>,
    /** Each poll of a job answers the next entry (the last one repeats). */
    jobs: {} as Record<string, Job[]>,
    nextId: 1,
    clock: Date.parse('2026-02-01T09:00:00Z'),
  }
  const id = (prefix: string) => `${prefix}-new-${state.nextId++}`
  const now = () => new Date((state.clock += 60_000)).toISOString()

  const variantById = (variantId: string) => {
    for (const p of state.products) {
      const v = p.variants?.find((x) => x.id === variantId)
      if (v) return { product: p, variant: v }
    }
    return undefined
  }
  const replaceVariant = (product: AdminProduct, variant: AdminVariant) => {
    product.variants = product.variants?.map((v) => (v.id === variant.id ? variant : v))
    product.in_stock = (product.variants ?? []).some((v) => v.on_hand > v.reserved)
  }
  const record = (variantId: string, delta: number, reason: string) => {
    const list = (state.movements[variantId] ??= [])
    list.unshift({ id: id('m'), delta, reason, reference: '', created_at: now() })
  }

  const listProducts: Reply = (req: FakeRequest) => {
    const q = req.search.get('q')?.toLowerCase()
    const status = req.search.get('status')
    const category = req.search.get('category')
    let inCategory: string[] | undefined
    if (category) {
      const node = findNode(state.tree, (n) => n.slug === category)
      if (!node) return problem(400, { detail: 'category: no category has this slug', errors: { category: 'no category has this slug' } })
      inCategory = slugsUnder(node)
    }
    const matching = state.products.filter(
      (p) =>
        (!q ||
          p.name.toLowerCase().includes(q) ||
          p.slug.includes(q) ||
          (p.variants ?? []).some((v) => v.sku.toLowerCase().includes(q))) &&
        (!status || p.status === status) &&
        (!inCategory || (p.category !== null && inCategory.includes(p.category))),
    )
    const limit = Number(req.search.get('limit') ?? 50)
    const start = Number(req.search.get('cursor') ?? 0)
    const items = matching.slice(start, start + limit).map(summary)
    return json({ items, next_cursor: start + limit < matching.length ? String(start + limit) : null })
  }

  const createProduct: Reply = (req) => {
    const input = req.body as ProductInput
    const errors: Record<string, string> = {}
    if (!input.name?.trim()) errors.name = 'is required'
    ;(input.variants ?? []).forEach((v, i) => {
      if (state.products.some((p) => p.variants?.some((x) => x.sku === v.sku))) {
        errors[`variants[${i}].sku`] = 'is already used by another variant'
      }
      if (v.price === undefined) errors[`variants[${i}].price`] = 'is required'
    })
    if (Object.keys(errors).length > 0) return problem(422, { detail: 'the request has invalid fields', errors })
    const productId = id('p')
    const currency = input.variants?.[0]?.currency ?? 'EUR'
    const variants = (input.variants ?? []).map((v: VariantInput, i) =>
      makeAdminVariant({
        id: `${productId}-v${i + 1}`,
        sku: v.sku ?? '',
        options: v.options ?? {},
        price: { amount: v.price ?? 0, currency },
        compare_at_price: v.compare_at_price ? { amount: v.compare_at_price, currency } : null,
        on_hand: v.on_hand ?? 0,
        position: i,
      }),
    )
    const product = makeAdminProduct({
      id: productId,
      name: input.name!.trim(),
      slug: input.slug,
      description: input.description ?? '',
      status: input.status ?? 'draft',
      category: input.category || null,
      attributes: input.attributes ?? {},
      images: input.images ?? [],
      variants,
    })
    for (const v of variants) if (v.on_hand) record(v.id, v.on_hand, 'initial stock')
    state.products.unshift(product)
    return json(product, 201)
  }

  const lastPart = (req: FakeRequest, fromEnd = 0) => req.path.split('/').at(-1 - fromEnd)!
  const productOf = (req: FakeRequest) => state.products.find((x) => x.id === lastPart(req))

  const getProduct: Reply = (req) => {
    const product = productOf(req)
    return product ? json(product) : problem(404, { detail: 'no such product' })
  }

  const updateProduct: Reply = (req) => {
    const product = productOf(req)
    if (!product) return problem(404, { detail: 'no such product' })
    const input = req.body as ProductInput
    if (input.name !== undefined && !input.name.trim()) {
      return problem(422, { detail: 'the request has invalid fields', errors: { name: 'is required' } })
    }
    Object.assign(product, {
      ...input,
      category: input.category === undefined ? product.category : input.category || null,
      updated_at: now(),
    })
    return json(product)
  }

  const archiveProduct: Reply = (req) => {
    const product = productOf(req)
    if (!product) return problem(404, { detail: 'no such product' })
    product.status = 'archived'
    return noContent()
  }

  const addVariant: Reply = (req) => {
    const product = state.products.find((x) => x.id === lastPart(req, 1))
    if (!product) return problem(404, { detail: 'no such product' })
    const input = req.body as VariantInput
    if (state.products.some((p) => p.variants?.some((x) => x.sku === input.sku))) {
      return problem(422, { errors: { sku: 'is already used by another variant' } })
    }
    const currency = product.price.currency
    const variant = makeAdminVariant({
      id: id('v'),
      sku: input.sku ?? '',
      options: input.options ?? {},
      price: { amount: input.price ?? 0, currency },
      compare_at_price: input.compare_at_price ? { amount: input.compare_at_price, currency } : null,
      on_hand: input.on_hand ?? 0,
      position: product.variants?.length ?? 0,
    })
    product.variants = [...(product.variants ?? []), variant]
    if (variant.on_hand) record(variant.id, variant.on_hand, 'initial stock')
    return json(variant, 201)
  }

  const updateVariant: Reply = (req) => {
    const found = variantById(lastPart(req))
    if (!found) return problem(404, { detail: 'no such variant' })
    const input = req.body as VariantInput
    if (input.on_hand !== undefined) {
      return problem(422, { errors: { on_hand: 'change stock with POST /api/admin/inventory/adjustments' } })
    }
    const currency = found.variant.price.currency
    const next: AdminVariant = {
      ...found.variant,
      sku: input.sku ?? found.variant.sku,
      options: input.options ?? found.variant.options,
      price: input.price === undefined ? found.variant.price : { amount: input.price, currency },
      compare_at_price:
        input.compare_at_price === null
          ? null
          : input.compare_at_price === undefined
            ? found.variant.compare_at_price
            : { amount: input.compare_at_price, currency },
    }
    replaceVariant(found.product, next)
    return json(next)
  }

  const movements: Reply = (req) => {
    const variantId = lastPart(req, 1)
    if (!variantById(variantId)) return problem(404, { detail: 'no such variant' })
    return json({ items: state.movements[variantId] ?? [] })
  }

  const adjust: Reply = (req) => {
    const body = req.body as { variant_id: string; delta: number; reason: string }
    const found = variantById(body.variant_id)
    if (!found) return problem(404, { detail: 'no such variant' })
    if (!body.reason?.trim()) return problem(422, { errors: { reason: 'is required' } })
    const { variant, product } = found
    if (variant.on_hand + body.delta < variant.reserved) {
      return problem(422, {
        detail: 'the request has invalid fields',
        errors: { delta: `would leave ${variant.on_hand + body.delta} on hand with ${variant.reserved} reserved` },
      })
    }
    const next = { ...variant, on_hand: variant.on_hand + body.delta }
    replaceVariant(product, next)
    record(variant.id, body.delta, body.reason.trim())
    return json(next, 201)
  }

  const createCategory: Reply = (req) => {
    const input = req.body as CategoryInput
    if (!input.name?.trim()) return problem(422, { errors: { name: 'is required' } })
    const slug = input.slug ?? input.name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-')
    if (findNode(state.tree, (n) => n.slug === slug)) return problem(409, { detail: 'the slug or SKU is already used' })
    const node: CategoryNode = { id: id('c'), slug, name: input.name.trim(), children: [] }
    if (input.parent) {
      const parent = findNode(state.tree, (n) => n.slug === input.parent)
      if (!parent) return problem(422, { errors: { parent: 'no category has this slug' } })
      parent.children.push(node)
    } else {
      state.tree.push(node)
    }
    return json({ id: node.id, slug, name: node.name, parent_id: null, path: `/${slug}/`, position: 0 }, 201)
  }

  const updateCategory: Reply = (req) => {
    const node = findNode(state.tree, (n) => n.id === lastPart(req))
    if (!node) return problem(404, { detail: 'no such category' })
    const input = req.body as CategoryInput
    if (input.parent && slugsUnder(node).includes(input.parent)) {
      return problem(422, { errors: { parent: 'cannot move a category under itself' } })
    }
    if (input.name !== undefined) node.name = input.name
    if (input.slug !== undefined) node.slug = input.slug
    if (input.parent !== undefined) {
      state.tree = detach(state.tree, node.id)
      if (input.parent === '') state.tree.push(node)
      else findNode(state.tree, (n) => n.slug === input.parent)!.children.push(node)
    }
    return json({ id: node.id, slug: node.slug, name: node.name, parent_id: null, path: '/', position: 0 })
  }

  const deleteCategory: Reply = (req) => {
    const node = findNode(state.tree, (n) => n.id === lastPart(req))
    if (!node) return problem(404, { detail: 'no such category' })
    const used = node.children.length > 0 || state.products.some((p) => p.category === node.slug)
    if (used) return problem(409, { title: 'Conflict', detail: 'the category still has sub-categories or products' })
    state.tree = detach(state.tree, node.id)
    return noContent()
  }

  const getJob: Reply = (req) => {
    const steps = state.jobs[lastPart(req)]
    if (!steps || steps.length === 0) return problem(404, { detail: 'no such job' })
    return json(steps.length > 1 ? steps.shift()! : steps[0]!)
  }

  const patterns: [RegExp, Reply][] = [
    [/^GET \/api\/categories$/, () => json({ items: state.tree })],
    [/^GET \/api\/admin\/products$/, listProducts],
    [/^POST \/api\/admin\/products$/, createProduct],
    [/^GET \/api\/admin\/products\/[^/]+$/, getProduct],
    [/^PATCH \/api\/admin\/products\/[^/]+$/, updateProduct],
    [/^DELETE \/api\/admin\/products\/[^/]+$/, archiveProduct],
    [/^POST \/api\/admin\/products\/[^/]+\/variants$/, addVariant],
    [/^PATCH \/api\/admin\/variants\/[^/]+$/, updateVariant],
    [/^GET \/api\/admin\/variants\/[^/]+\/movements$/, movements],
    [/^POST \/api\/admin\/inventory\/adjustments$/, adjust],
    [/^POST \/api\/admin\/categories$/, createCategory],
    [/^PATCH \/api\/admin\/categories\/[^/]+$/, updateCategory],
    [/^DELETE \/api\/admin\/categories\/[^/]+$/, deleteCategory],
    [/^GET \/api\/admin\/jobs\/[^/]+$/, getJob],
  ]

  /**
   * The routes for fakeApi: `extra` ("METHOD /path" -> reply) first, then the
   * fake's own, matched by pattern so products created during a test have theirs too.
   */
  const routes = (extra: Record<string, Reply> = {}): Record<string, Reply> =>
    new Proxy(extra, {
      get: (target, key) => {
        if (typeof key !== 'string') return undefined
        if (key in target) return target[key]
        return patterns.find(([pattern]) => pattern.test(key))?.[1]
      },
    })

  return { state, routes }
}
