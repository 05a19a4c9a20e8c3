/**
 * Data that widgets on one page share: a named channel holding the latest
 * value. A widget that owns some data (fit-a-line's points) publishes to the
 * channel whenever the data changes and clears it when it unmounts; any
 * other widget on the page (the loss surface) subscribes and uses the value
 * while there is one, and its own data otherwise. Channels are created on
 * first use and live as long as the page's scripts do.
 *
 * Widget stores stay per instance; only the shared value is page-wide, by
 * design: it is how two figures in one chapter show the same data.
 */
export interface SharedChannel<T> {
  readonly name: string;
  /** The latest published value; undefined before the first publish or after clear(). */
  get(): T | undefined;
  /** Replaces the value and tells every subscriber. */
  publish(value: T): void;
  /** Withdraws the value (its publisher left the page); subscribers hear undefined. */
  clear(): void;
  /** Calls `listener` on every later publish or clear; returns the unsubscribe function. */
  subscribe(listener: (value: T | undefined) => void): () => void;
}

function createChannel<T>(name: string): SharedChannel<T> {
  let value: T | undefined;
  const listeners = new Set<(value: T | undefined) => void>();
  const tell = () => {
    for (const listener of [...listeners]) listener(value);
  };
  return {
    name,
    get: () => value,
    publish(next) {
      value = next;
      tell();
    },
    clear() {
      if (value === undefined) return;
      value = undefined;
      tell();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const channels = new Map<string, SharedChannel<unknown>>();

/** The page's channel called `name`, created on first use. */
export function sharedChannel<T>(name: string): SharedChannel<T> {
  let channel = channels.get(name);
  if (!channel) {
    channel = createChannel<unknown>(name);
    channels.set(name, channel);
  }
  return channel as SharedChannel<T>;
}
