// What a reader sees when the data set does not arrive: which file, how far
// the download got, and what to do next.

/** A failed load. The message is written for the reader. */
export class DataLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataLoadError';
  }
}

const RETRY = 'Press play to try again.';

/** Megabytes with one decimal: 2.1 of 5.3 MB. */
export function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

export const failures = {
  unreachable: (file: string, cause: unknown) =>
    new DataLoadError(`The Fashion-MNIST data could not be reached (network error while asking for ${file}). ${RETRY}`, { cause }),
  status: (file: string, status: number) =>
    new DataLoadError(`The Fashion-MNIST download failed: ${file} answered HTTP ${status}. ${RETRY}`),
  stopped: (file: string, loaded: number, total: number, cause: unknown) =>
    new DataLoadError(`The Fashion-MNIST download stopped at ${megabytes(loaded)} of ${megabytes(total)} MB (network error in ${file}). ${RETRY}`, { cause }),
  truncated: (file: string, got: number, expected: number) =>
    new DataLoadError(`The Fashion-MNIST download stopped early: ${file} arrived incomplete (${got} of ${expected} bytes). ${RETRY}`),
  damaged: (file: string, why: string) =>
    new DataLoadError(`The Fashion-MNIST file ${file} arrived damaged (${why}). ${RETRY}`),
  badIndex: (why: string) =>
    new DataLoadError(`The Fashion-MNIST index (index.json) could not be read: ${why}.`),
};
