'use client';

/** The 20 sample images as buttons: the one chosen is the image whose feature maps are shown. */
import { useEffect, useRef } from 'react';
import { watchTheme } from '@/components/plots';
import { currentTheme } from '@/components/plots';
import { FASHION_CLASSES } from '@/components/widgets/shared/fashion/classes';
import { FASHION_SAMPLES } from '@/components/widgets/shared/fashion/samples';
import { imagePicture } from './draw';
import styles from './styles.module.css';

function Thumbnail({ index }: { index: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const draw = () => {
      const ctx = canvas.current?.getContext('2d');
      if (!ctx) return;
      const { pixels, width, height } = imagePicture(Float32Array.from(FASHION_SAMPLES[index].pixels, (v) => v / 255), currentTheme());
      ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
    };
    draw();
    return watchTheme(draw);
  }, [index]);
  return <canvas ref={canvas} width={28} height={28} className={styles.thumb} aria-hidden="true" />;
}

export function SampleStrip({ chosen, onChoose }: { chosen: number; onChoose(index: number): void }) {
  return (
    <div className={styles.strip} role="group" aria-label="Test image whose feature maps are shown">
      {FASHION_SAMPLES.map((sample, i) => (
        <button
          key={i}
          type="button"
          className={styles.sample}
          aria-pressed={i === chosen}
          aria-label={`Test image ${i + 1}: ${FASHION_CLASSES[sample.label]}`}
          data-sample={i}
          onClick={() => onChoose(i)}
        >
          <Thumbnail index={i} />
        </button>
      ))}
    </div>
  );
}
