'use client';

import type { DownloadStatus } from './store';
import styles from './WidgetFrame.module.css';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * What a widget's data costs before it is fetched, and how far the download
 * has come while it is: a line in the run bar, with a progress bar.
 */
export function DataDownload({ download }: { download: DownloadStatus }) {
  const { label, loaded, total, active } = download;
  if (!active) {
    return (
      <p className={styles.download} data-part="download">
        Play downloads {label} ({megabytes(total)}) from this site, once: your browser keeps it for the next visit.
      </p>
    );
  }
  return (
    <p className={styles.download} data-part="download" data-loaded={loaded} data-total={total}>
      <label>
        Downloading {label}: {megabytes(loaded)} of {megabytes(total)}{' '}
        <progress value={loaded} max={total} />
      </label>
    </p>
  );
}
