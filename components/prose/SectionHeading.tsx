import type { ReactNode } from 'react';
import { CopyLinkButton } from './CopyLinkButton';
import styles from './SectionHeading.module.css';

/**
 * A `##` or `###` heading of a chapter. Its id is written in the MDX (see
 * scripts/remark-heading-ids.mjs); the button copies the section's URL.
 */
export function SectionHeading({ level, id, children }: { level: 2 | 3; id?: string; children?: ReactNode }) {
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag id={id} className={styles.heading}>
      {children}
      {id ? <CopyLinkButton id={id} /> : null}
    </Tag>
  );
}
