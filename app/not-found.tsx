import Link from 'next/link';
import { SiteHeader } from '@/components/site/SiteHeader';

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="not-found">
        <h1>Page not found</h1>
        <p>
          There is no page at this address. It may have been a link to a chapter that does not exist yet.
        </p>
        <p>
          <Link href="/">Go to the table of contents</Link>
        </p>
      </main>
    </>
  );
}
