export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>Bazaar, open-source e-commerce.</p>
    </footer>
  )
}
