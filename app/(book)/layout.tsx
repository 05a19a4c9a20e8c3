import type { ReactNode } from 'react';
import { SiteFooter, SiteHeader } from '@/components/site/SiteHeader';
import { MathOverflow } from '@/components/site/MathOverflow';
import { OfflineSupport } from '@/components/site/OfflineSupport';

export default function BookLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
      <MathOverflow />
      <OfflineSupport />
    </>
  );
}
