import type { CategoryNode } from './types'

export interface FlatCategory {
  node: CategoryNode
  depth: number
  /** The parent's slug; "" for a root. */
  parent: string
}

/** The tree in display order (each category followed by its children), with depths. */
export function flattenTree(tree: readonly CategoryNode[], depth = 0, parent = ''): FlatCategory[] {
  return tree.flatMap((node) => [{ node, depth, parent }, ...flattenTree(node.children, depth + 1, node.slug)])
}

/** The slugs of a category and everything below it. */
export function subtreeSlugs(node: CategoryNode): Set<string> {
  const slugs = new Set<string>()
  const walk = (n: CategoryNode) => {
    slugs.add(n.slug)
    n.children.forEach(walk)
  }
  walk(node)
  return slugs
}

/**
 * Options for a category <select>, indented by depth ("Apparel", "— Shirts").
 * `exclude` leaves out some slugs (a category cannot move under itself).
 */
export function categoryOptions(
  tree: readonly CategoryNode[],
  opts: { none: string; exclude?: ReadonlySet<string> },
): { value: string; label: string }[] {
  return [
    { value: '', label: opts.none },
    ...flattenTree(tree)
      .filter(({ node }) => !opts.exclude?.has(node.slug))
      .map(({ node, depth }) => ({ value: node.slug, label: `${'— '.repeat(depth)}${node.name}` })),
  ]
}

/** The category's name by slug (or the slug itself when the tree does not have it). */
export function categoryName(tree: readonly CategoryNode[], slug: string | null | undefined): string | undefined {
  if (!slug) return undefined
  return flattenTree(tree).find(({ node }) => node.slug === slug)?.node.name ?? slug
}
