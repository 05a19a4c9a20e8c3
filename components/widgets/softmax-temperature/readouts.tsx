import type { SoftmaxReport } from './model';
import styles from './styles.module.css';

/** How close a distribution is to one of temperature's two limits. */
export function limitReached(probs: ArrayLike<number>, tolerance = 0.01): 'one-hot' | 'uniform' | null {
  const K = probs.length;
  let max = 0;
  let spread = 0;
  for (let i = 0; i < K; i++) {
    max = Math.max(max, probs[i]);
    spread = Math.max(spread, Math.abs(probs[i] - 1 / K));
  }
  if (max >= 1 - tolerance) return 'one-hot';
  if (spread <= tolerance) return 'uniform';
  return null;
}

/** A float32 value of exp for the table: words where it overflowed or underflowed. */
export function expText(v: number): string {
  if (v === Infinity) return '∞ (overflow)';
  if (Number.isNaN(v)) return 'not a number';
  if (v === 0) return '0 (underflow)';
  if (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3) return v.toExponential(3).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** The two computations side by side: exp(z/T) as it stands, and exp(z/T − m) after the shift. */
export function NaiveTable({ report }: { report: SoftmaxReport }) {
  const K = report.probs.length;
  return (
    <table className={styles.naive} data-testid="naive-table">
      <caption>
        Naive exp against the logsumexp shift, m = max zᵢ/T = {expText(report.shift)}
      </caption>
      <thead>
        <tr>
          <th scope="col">i</th>
          <th scope="col">zᵢ/T</th>
          <th scope="col">exp(zᵢ/T)</th>
          <th scope="col">exp(zᵢ/T − m)</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: K }, (_, i) => (
          <tr key={i}>
            <th scope="row">{i + 1}</th>
            <td>{expText(report.scaled[i])}</td>
            <td data-naive-exp={i}>{expText(report.naiveExp[i])}</td>
            <td>{expText(report.shiftedExp[i])}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Σ</th>
          <td />
          <td data-naive-sum="">{expText(report.naiveSum)}</td>
          <td>{expText(Math.exp(report.lse - report.shift))}</td>
        </tr>
      </tbody>
    </table>
  );
}
