/**
 * GET /api/admin/products/export (staff): every product and variant as a CSV
 * file in the import's format (Content-Disposition: attachment). The browser
 * downloads it from a plain link, so there is no fetcher or query.
 */
export const exportProductsUrl = '/api/admin/products/export'
