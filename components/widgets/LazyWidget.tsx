'use client';

import { type ComponentType, type CSSProperties, useEffect, useRef, useState } from 'react';
import dynamic from 'next/dynamic';
import type { WidgetProps } from './kit/define';
import { widgetByName } from './kit/catalog';
import { VIEWS } from './views.generated';
import styles from './LazyWidget.module.css';

/** While a widget's code downloads, its slot keeps the placeholder's height (see data-loading in the CSS). */
const loading = () => (
  <div className={styles.placeholder} data-loading="">
    <p className={styles.loading}>Loading the interactive figure…</p>
  </div>
);

/** Each widget's view, loaded on the client only (widgets draw with the DOM and train in workers). */
const views = new Map<string, ComponentType<WidgetProps>>();
function viewOf(name: string): ComponentType<WidgetProps> {
  let view = views.get(name);
  if (!view) {
    view = dynamic(VIEWS[name], { ssr: false, loading });
    views.set(name, view);
  }
  return view;
}

/**
 * A widget's place in a chapter. Its code loads only when the reader comes
 * near (or the page was opened at its anchor); until then a placeholder of
 * the same height holds its place.
 */
export function LazyWidget({ name, id, preset, embedded = false }: { name: string } & WidgetProps) {
  const info = widgetByName(name);
  const instanceId = id ?? name;
  const slot = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(embedded);

  useEffect(() => {
    if (near || !slot.current) return;
    if (window.location.hash === `#${instanceId}`) {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: '600px 0px',
    });
    observer.observe(slot.current);
    return () => observer.disconnect();
  }, [near, instanceId]);

  if (!info) return <p>Unknown widget “{name}”.</p>;
  const Widget = viewOf(info.name);
  return (
    <div
      ref={slot}
      id={instanceId}
      className={styles.slot}
      data-widget-slot={name}
      data-pagefind-ignore="all"
      data-pending={near ? undefined : ''}
      style={{ '--slot-height': `${info.height}px`, '--slot-phone-height': `${info.phoneHeight}px` } as CSSProperties}
    >
      {near ? (
        <Widget id={id} preset={preset} embedded={embedded} />
      ) : (
        <div className={styles.placeholder} aria-hidden="true">
          <span className={styles.placeholderTitle}>{info.title}</span>
        </div>
      )}
      <noscript>
        <p className={styles.loading}>This interactive figure needs JavaScript.</p>
      </noscript>
    </div>
  );
}
