/**
 * Pure drawing for graph-trace: the engine's recorded graph laid out by
 * depth (inputs first), each node with its value once the forward pass has
 * reached it and its adjoint once the backward pass has, edges from each
 * value to the steps that read it. State in, SVG markup out.
 */
import { el, esc, num } from '@/components/plots/svg';
import type { GraphNode, Trace } from './model';

export type Orientation = 'across' | 'down';

export interface Placed {
  node: GraphNode;
  x: number;
  y: number;
}

export interface Layout {
  placed: Map<number, Placed>;
  width: number;
  height: number;
  /** Node box size. */
  w: number;
  h: number;
}

const SYMBOLS: Record<string, string> = {
  add: '+',
  sub: '−',
  mul: '×',
  div: '÷',
  neg: 'negate',
  log: 'ln',
  exp: 'exp',
  sin: 'sin',
  cos: 'cos',
  tanh: 'tanh',
  sigmoid: 'σ',
  relu: 'ReLU',
  pow: 'power',
  matmul: 'matmul',
  sum: 'sum',
  max: 'max',
  logSoftmax: 'log softmax',
  softmax: 'softmax',
};

/** A name with a bar over its letter (x₁ → x̄₁): the adjoint's name. */
export function barred(name: string): string {
  return name.length ? `${name[0]}\u0304${name.slice(1)}` : name;
}

/** What a node is called: its input's name, v₁, v₂ … for computed values (in execution order), a constant's value. */
export function nodeName(node: GraphNode): string {
  if (node.kind === 'op') return `v${subscript(node.forward! + 1)}`;
  return node.label;
}

export function opSymbol(node: GraphNode): string {
  return node.op ? (SYMBOLS[node.op] ?? node.op) : '';
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);
}

/** A number for a small box: 4 significant digits, a true minus sign. */
export function short(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const text = a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(2).replace('e+', 'e') : String(Number(v.toPrecision(4)));
  return text.replace(/-/g, '−');
}

/** A value in a box: the number, or the first few entries of a vector. */
export function valueText(values: readonly number[]): string {
  if (values.length === 1) return short(values[0]);
  const shown = values.slice(0, 3).map(short).join(', ');
  return `[${shown}${values.length > 3 ? ', …' : ''}]`;
}

/** Text cut to fit a box of this width at 12 px (about 6.8 px a character), with an ellipsis. */
export function fit(text: string, width: number): string {
  const room = Math.floor((width - 14) / 6.8);
  return [...text].length <= room ? text : `${[...text].slice(0, room - 1).join('')}…`;
}

/** Depth of each node: inputs one column before their first reader, each op one after its deepest input. */
function depths(trace: Trace): Map<number, number> {
  const byId = new Map(trace.nodes.map((n) => [n.id, n]));
  const depth = new Map<number, number>();
  const ops = trace.nodes.filter((n) => n.kind === 'op').sort((a, b) => a.forward! - b.forward!);
  for (const op of ops) depth.set(op.id, 1 + Math.max(0, ...op.inputs.map((i) => (byId.get(i)?.kind === 'op' ? depth.get(i)! : 0))));
  for (const n of trace.nodes) {
    if (n.kind === 'op') continue;
    const readers = ops.filter((op) => op.inputs.includes(n.id)).map((op) => depth.get(op.id)!);
    depth.set(n.id, readers.length ? Math.min(...readers) - 1 : 0);
  }
  return depth;
}

/** Positions for every node: one column (or row, going down) per depth. */
export function layoutGraph(trace: Trace, orientation: Orientation): Layout {
  const depth = depths(trace);
  const [w, h] = orientation === 'across' ? [150, 62] : [104, 62];
  const [along, across] = orientation === 'across' ? [w + 34, h + 16] : [h + 30, w + 8];
  const columns = new Map<number, GraphNode[]>();
  for (const n of trace.nodes) {
    const d = depth.get(n.id)!;
    if (!columns.has(d)) columns.set(d, []);
    columns.get(d)!.push(n);
  }
  // Within a depth: by the first op that reads the node, then by execution order.
  const firstReader = (n: GraphNode) =>
    Math.min(...trace.nodes.filter((op) => op.inputs.includes(n.id)).map((op) => op.forward!), n.forward ?? Infinity);
  const most = Math.max(...[...columns.values()].map((c) => c.length));
  const placed = new Map<number, Placed>();
  for (const [d, column] of columns) {
    column.sort((a, b) => firstReader(a) - firstReader(b) || a.id - b.id);
    const offset = ((most - column.length) * across) / 2;
    column.forEach((node, i) => {
      const a = 6 + d * along;
      const b = 6 + offset + i * across;
      placed.set(node.id, orientation === 'across' ? { node, x: a, y: b } : { node, x: b, y: a });
    });
  }
  const deepest = Math.max(...depth.values());
  const lengthAlong = 12 + deepest * along + (orientation === 'across' ? w : h);
  const lengthAcross = 12 + (most - 1) * across + (orientation === 'across' ? h : w);
  return orientation === 'across'
    ? { placed, width: lengthAlong, height: lengthAcross, w, h }
    : { placed, width: lengthAcross, height: lengthAlong, w, h };
}

/** How far the passes have gone at step `at`: the op being computed, or the value whose adjoint just settled. */
export interface Progress {
  /** Op nodes in the forward pass, and values the backward pass settles. */
  forwardSteps: number;
  backwardSteps: number;
  phase: 'start' | 'forward' | 'backward';
  /** The node of the current step, if any. */
  current: GraphNode | null;
}

export function progressOf(trace: Trace, at: number): Progress {
  const forwardSteps = trace.nodes.filter((n) => n.kind === 'op').length;
  const backwardSteps = trace.nodes.filter((n) => n.backward !== null).length;
  const k = Math.max(0, Math.min(at, forwardSteps + backwardSteps));
  if (k === 0) return { forwardSteps, backwardSteps, phase: 'start', current: null };
  if (k <= forwardSteps) return { forwardSteps, backwardSteps, phase: 'forward', current: trace.nodes.find((n) => n.forward === k - 1) ?? null };
  return { forwardSteps, backwardSteps, phase: 'backward', current: trace.nodes.find((n) => n.backward === k - forwardSteps - 1) ?? null };
}

/** Whether a node shows its value, and its adjoint, at step `at`. */
export function revealed(node: GraphNode, at: number, forwardSteps: number): { value: boolean; adjoint: boolean } {
  const value = node.kind !== 'op' || node.forward! < at;
  const adjoint = node.backward !== null && at > forwardSteps && node.backward < at - forwardSteps;
  return { value, adjoint };
}

export function drawGraph(trace: Trace, layout: Layout, at: number, orientation: Orientation, markerId = 'arrow'): string {
  const { placed, w, h } = layout;
  const { forwardSteps, current } = progressOf(trace, at);
  const backward = at > forwardSteps;
  let edges = '';
  for (const op of trace.nodes) {
    if (op.kind !== 'op') continue;
    const to = placed.get(op.id)!;
    op.inputs.forEach((id, k) => {
      const from = placed.get(id);
      if (!from) return;
      const spread = (k - (op.inputs.length - 1) / 2) * 12;
      const [x1, y1, x2, y2] =
        orientation === 'across'
          ? [from.x + w, from.y + h / 2, to.x, to.y + h / 2 + spread]
          : [from.x + w / 2, from.y + h, to.x + w / 2 + spread, to.y];
      const bend = orientation === 'across' ? `C${num((x1 + x2) / 2)},${num(y1)} ${num((x1 + x2) / 2)},${num(y2)} ` : `C${num(x1)},${num((y1 + y2) / 2)} ${num(x2)},${num((y1 + y2) / 2)} `;
      // Forward: the edges into the op being computed. Backward: the edges out of the value just settled.
      const lit = current && (backward ? id === current.id : op.id === current.id);
      edges += el('path', {
        d: `M${num(x1)},${num(y1)}${bend}${num(x2)},${num(y2)}`,
        class: lit ? 'edge lit' : 'edge',
        style: lit ? `stroke:var(${backward ? '--note' : '--accent'})` : 'stroke:var(--border)',
        'stroke-width': lit ? 2.5 : 1.5,
        fill: 'none',
        'marker-end': backward ? undefined : `url(#${markerId})`,
      });
    });
  }
  let boxes = '';
  for (const { node, x, y } of placed.values()) {
    const shown = revealed(node, at, forwardSteps);
    const isCurrent = current?.id === node.id;
    const fill = node.kind === 'op' ? 'var(--bg)' : node.adjoint ? 'var(--accent-soft)' : 'var(--surface-2)';
    const border = isCurrent ? `var(${backward ? '--note' : '--accent'})` : 'var(--border)';
    const title = node.kind === 'op' ? `${nodeName(node)} = ${opSymbol(node)}` : node.kind === 'constant' ? 'constant' : nodeName(node);
    const shape = node.shape.length > 0 && node.value.length > 1 ? ` (${node.shape.join('×')})` : '';
    let body = el('rect', { x, y, width: w, height: h, rx: 7, style: `fill:${fill};stroke:${border}`, 'stroke-width': isCurrent ? 2.5 : 1 });
    body += el('text', { x: x + 8, y: y + 17, class: 'name', style: 'fill:var(--text);font-weight:600' }, esc(fit(title + shape, w)));
    body += el('text', { x: x + 8, y: y + 35, class: 'value', style: 'fill:var(--text)' }, esc(shown.value ? fit(valueText(node.value), w) : '?'));
    if (shown.adjoint && node.adjoint) {
      body += el('text', { x: x + 8, y: y + 53, class: 'adjoint', style: 'fill:var(--note);font-weight:600' }, esc(fit(`${barred(nodeName(node))} = ${valueText(node.adjoint)}`, w)));
    }
    // The whole of what the box shows, for a pointer or a screen reader.
    const full = `${title}${shape}: ${shown.value ? valueText(node.value) : 'not yet computed'}${shown.adjoint && node.adjoint ? `; adjoint ${valueText(node.adjoint)}` : ''}`;
    body = el('title', {}, esc(full)) + body;
    boxes += el('g', { class: `node node-${node.kind}`, 'data-node': node.id, 'data-current': isCurrent ? 'true' : undefined }, body);
  }
  const arrow = el('defs', {}, el('marker', { id: markerId, viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 6, markerHeight: 6, orient: 'auto' }, el('path', { d: 'M0,0L8,4L0,8z', style: 'fill:var(--muted)' })));
  return arrow + el('g', { class: 'edges' }, edges) + el('g', { class: 'nodes', style: 'font-family:var(--sans);font-size:12px' }, boxes);
}
