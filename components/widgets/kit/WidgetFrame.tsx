'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Button } from '@/components/ui/Button';
import { PlayControls } from '@/components/ui/PlayControls';
import { DataDownload } from './DataDownload';
import { Progress, statusSentence } from '@/components/ui/Progress';
import { copyText } from '@/components/site/clipboard';
import type { AnyModel } from '@/workers/model';
import type { RunController } from './run-controller';
import type { WidgetSchema } from './schema';
import type { WidgetHandles } from './useWidget';
import { stateLink } from './useWidgetStore';
import { encodeState } from './url-codec';
import { EmbedDialog } from './EmbedDialog';
import { holdInView } from './hold-in-view';
import styles from './WidgetFrame.module.css';

interface WidgetFrameProps<S extends WidgetSchema> {
  /** From useTrainingWidget or useStaticWidget: the definition, the instance, and the run controller if it trains. */
  widget: Pick<WidgetHandles<S, unknown>, 'definition' | 'instance' | 'embedded'> & { controller?: RunController<S, AnyModel> };
  lossLabel?: string;
  /** Keep the play controls in view at the bottom of the screen while a tall widget scrolls past. */
  stickyRun?: boolean;
  controls: ReactNode;
  /** A message from the widget's own computation (a question its worker could not answer), shown above the drawing. */
  error?: string | null;
  children: ReactNode;
}

/**
 * The frame every widget sits in: title, share controls, notices about the
 * link, the widget's drawing, its controls, play controls and a readout.
 * Its root carries data-widget, data-widget-id, data-run-state, data-step,
 * data-epoch (for models with epochs) and data-loss so that tests and course tools can observe it;
 * its body, controls and readout carry data-part="body" | "controls" | "progress".
 * A widget without a controller trains nothing (`data-run-state="static"`).
 */
export function WidgetFrame<S extends WidgetSchema>(props: WidgetFrameProps<S>) {
  const { widget, lossLabel, stickyRun, controls, error, children } = props;
  const { definition, instance, embedded, controller } = widget;
  const { title, description, embedHeight } = definition;
  const { schema, store, instanceId, autoplay, targeted } = instance;
  const status = useStore(store, (s) => s.status);
  const notices = useStore(store, (s) => s.notices);
  const dismissNotices = useStore(store, (s) => s.dismissNotices);
  const root = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  const [embedOpen, setEmbedOpen] = useState(false);

  // Parameter changes reach the runs: live where the widget allows it, else fresh runs.
  useEffect(() => {
    if (!controller) return;
    return store.subscribe((state, previous) => {
      if (state.params === previous.params) return;
      const keys = Object.keys(state.params) as (keyof typeof state.params)[];
      void controller.paramsChanged(keys.filter((k) => state.params[k] !== previous.params[k]));
    });
  }, [controller, store]);

  // A link to this widget lands on it, and stays there while the page settles.
  useEffect(() => {
    if (targeted && root.current) return holdInView(root.current);
  }, [targeted]);

  // Draw the initial state; play at once if the link says so.
  useEffect(() => {
    if (!controller) return;
    void controller.prepare().then(() => (autoplay ? controller.play() : undefined));
    return () => void controller.dispose();
  }, [controller, autoplay]);

  // Train only while on screen and while the tab is visible.
  useEffect(() => {
    if (!controller || !root.current) return;
    let onScreen = true;
    const update = () => {
      if (onScreen && document.visibilityState === 'visible') void controller.resume();
      else void controller.suspend();
    };
    const observer = new IntersectionObserver((entries) => {
      onScreen = entries.some((e) => e.isIntersecting);
      update();
    });
    observer.observe(root.current);
    document.addEventListener('visibilitychange', update);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', update);
    };
  }, [controller]);

  async function copyLink() {
    await copyText(stateLink(schema, instanceId, store.getState().params));
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  }

  return (
    <figure
      ref={root}
      className={styles.frame}
      data-widget={schema.name}
      data-widget-id={instanceId}
      data-run-state={status.state}
      data-step={status.step}
      data-epoch={status.epoch ?? undefined}
      data-loss={status.loss === null ? '' : String(status.loss)}
      aria-labelledby={`${instanceId}-title`}
      aria-describedby={`${instanceId}-description`}
    >
      <figcaption className={styles.header}>
        <span id={`${instanceId}-title`} className={styles.title}>
          {title}
        </span>
        {embedded ? null : (
          <span className={styles.share}>
            <Button quiet onClick={copyLink} data-action="copy-link">
              {copied ? 'Link copied' : 'Copy link to this state'}
            </Button>
            <Button quiet onClick={() => setEmbedOpen(true)} data-action="embed">
              Embed
            </Button>
          </span>
        )}
      </figcaption>
      <p id={`${instanceId}-description`} className="visually-hidden">
        {description}
      </p>
      {notices.length > 0 ? (
        <div className={styles.notice} role="status">
          <p>Some of this link could not be used, so defaults stand in:</p>
          <ul>
            {notices.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
          <Button quiet onClick={dismissNotices}>
            Dismiss
          </Button>
        </div>
      ) : null}
      <div className={styles.body} data-part="body">
        {error ? (
          <WidgetAlert>
            <p>{error}</p>
          </WidgetAlert>
        ) : null}
        {children}
      </div>
      {status.state === 'diverged' ? (
        <WidgetAlert>
          <p>
            <strong>Diverged</strong> at step {status.divergedAt ?? status.step}: the loss stopped being a finite number
            or exploded. Try a smaller learning rate.
          </p>
          <Button onClick={() => void controller?.reset()} data-action="reset-diverged">
            Reset
          </Button>
        </WidgetAlert>
      ) : null}
      {status.state === 'error' ? (
        <WidgetAlert>
          <p>{status.message ?? 'Training stopped.'}</p>
          <Button onClick={() => void controller?.play()} data-action="play-again">
            Play again
          </Button>
        </WidgetAlert>
      ) : null}
      <div className={styles.controls} data-part="controls">
        {controls}
      </div>
      {controller ? (
        <div className={stickyRun ? `${styles.run} ${styles.sticky}` : styles.run}>
          <PlayControls
            state={status.state}
            onPlay={() => void controller.play()}
            onPause={() => void controller.pause()}
            onStep={() => void controller.stepBy(1)}
            onReset={() => void controller.reset()}
          />
          <Progress status={status} lossLabel={lossLabel} />
          {status.download ? <DataDownload download={status.download} /> : null}
          <p className="visually-hidden" aria-live="polite">
            {statusSentence(status)}
          </p>
        </div>
      ) : null}
      {embedOpen ? (
        <EmbedDialog
          title={title}
          widget={schema.name}
          encoded={encodeState(schema, store.getState().params)}
          height={embedHeight}
          onClose={() => setEmbedOpen(false)}
        />
      ) : null}
    </figure>
  );
}

/** A problem in the widget, with the button that gets past it: a paragraph or two, then the button. */
export function WidgetAlert({ children }: { children: ReactNode }) {
  return (
    <div className={styles.alert} role="alert">
      {children}
    </div>
  );
}
