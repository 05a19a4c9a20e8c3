/** The key to a chart's lines, as a row of swatches in HTML (it wraps on a phone, which an SVG legend would not). */
import styles from './LineKey.module.css';

export interface LineKeyEntry {
  label: string;
  color: string;
  dash?: string;
}

export function LineKey({ entries, label = 'Lines' }: { entries: readonly LineKeyEntry[]; label?: string }) {
  return (
    <ul className={styles.key} aria-label={label}>
      {entries.map((k) => (
        <li key={k.label}>
          <svg width="22" height="8" aria-hidden="true">
            <line x1="1" x2="21" y1="4" y2="4" style={{ stroke: k.color }} strokeWidth="2.5" strokeDasharray={k.dash} />
          </svg>
          {k.label}
        </li>
      ))}
    </ul>
  );
}
