import type { ReactNode } from 'react';
import { followLink, href } from '../lib/router';

/** A link to another page of the portal, without a reload. */
export function PageLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a href={href(to)} onClick={followLink(to)} className={className}>
      {children}
    </a>
  );
}

export function BackLink({ to, children = 'Quay lại' }: { to: string; children?: ReactNode }) {
  return (
    <PageLink to={to} className="back-link no-print">
      ‹ {children}
    </PageLink>
  );
}
