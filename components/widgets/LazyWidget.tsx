'use client';

import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { WIDGET_COMPONENTS } from './registry';
import { widgetByName } from './names';

/**
 * A widget's place in a chapter. Its code loads only when the reader comes
 * near (or the page was opened at its anchor); until then a placeholder of
 * the same height holds its place.
 */
export function LazyWidget({ name, id, embedded = false }: { name: string; id?: string; embedded?: boolean }) {
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

  if (!info) return <p className="widget-missing">Unknown widget “{name}”.</p>;
  const Widget = WIDGET_COMPONENTS[name];
  return (
    <div
      ref={slot}
      id={instanceId}
      className="widget-slot"
      data-widget-slot={name}
      data-pending={near ? undefined : ''}
      style={{ '--slot-height': `${info.height}px`, '--slot-phone-height': `${info.phoneHeight}px` } as CSSProperties}
    >
      {near ? (
        <Widget id={id} embedded={embedded} />
      ) : (
        <div className="widget-placeholder" aria-hidden="true">
          <span className="widget-title">{info.title}</span>
        </div>
      )}
      <noscript>
        <p className="widget-loading">This interactive figure needs JavaScript.</p>
      </noscript>
    </div>
  );
}
