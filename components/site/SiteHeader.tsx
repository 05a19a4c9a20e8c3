import Link from 'next/link';
import { SiteSearch } from './SiteSearch';
import { ThemeSwitch } from './ThemeSwitch';

export function SiteHeader() {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="site-header-inner">
        <Link href="/" className="site-title">
          <span className="site-mark" aria-hidden="true">
            ◎
          </span>{' '}
          Looking Glass
        </Link>
        <nav aria-label="Book" className="site-nav">
          <Link href="/#contents">Contents</Link>
        </nav>
        <SiteSearch />
        <ThemeSwitch />
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        Looking Glass runs entirely in your browser: every model on these pages trains on your machine, and the
        book sends nothing anywhere.
      </p>
    </footer>
  );
}
