/**
 * What graph-trace shows between React renders: the recorded graph at the
 * current step (laid out across on a wide screen, down on a phone) and the
 * sentence that says what the step computed.
 */
import { Painter } from '@/components/widgets/kit/painter';
import { barred, drawGraph, layoutGraph, nodeName, opSymbol, progressOf, valueText, type Orientation } from './draw';
import type { GraphNode, Trace } from './model';
import type { GraphTraceParams } from './schema';

type Targets = { graph: SVGSVGElement; step: HTMLElement };

const INFIX = new Set(['add', 'sub', 'mul', 'div']);

/** The step in words: what the forward pass computed, or which adjoint the backward pass settled and by which rules. */
export function stepSentence(trace: Trace, at: number): string {
  const byId = new Map(trace.nodes.map((n) => [n.id, n]));
  const { phase, current, forwardSteps, backwardSteps } = progressOf(trace, at);
  if (phase === 'start' || !current) return `The inputs are set. Step forward to compute the first of ${forwardSteps} values.`;
  if (phase === 'forward') {
    const args = current.inputs.map((i) => nodeName(byId.get(i)!));
    const sym = opSymbol(current);
    const expr = INFIX.has(current.op!) && args.length === 2 ? `${args[0]} ${sym} ${args[1]}` : `${sym}(${args.join(', ')})`;
    return `Forward, step ${at} of ${forwardSteps}: ${nodeName(current)} = ${expr} = ${valueText(current.value)}.`;
  }
  const k = at - forwardSteps;
  const head = `Backward, step ${k} of ${backwardSteps}: ${barred(nodeName(current))} = ${valueText(current.adjoint ?? [])}`;
  if (current.id === trace.output) return `${head}, the seed: ∂f/∂f = 1.`;
  const readers = trace.nodes.filter((n): n is GraphNode => n.kind === 'op' && n.inputs.includes(current.id));
  const parts = readers.map((r) => `${nodeName(r)} (${opSymbol(r)}: ${r.vjp})`);
  return `${head}, passed back by ${parts.length > 1 ? `${parts.length} readers, added: ` : ''}${parts.join('; ')}.`;
}

export class GraphPainter extends Painter<Targets, GraphTraceParams> {
  trace: Trace | null = null;
  orientation: Orientation = 'across';

  constructor(
    params: GraphTraceParams,
    /** Unique on the page: the id of the arrowhead marker. */
    private readonly markerId: string,
  ) {
    super(params);
  }

  protected paint(): void {
    const { graph, step } = this.targets;
    const trace = this.trace;
    if (!trace) return;
    const layout = layoutGraph(trace, this.orientation);
    if (graph) {
      const viewBox = `0 0 ${layout.width} ${layout.height}`;
      if (graph.getAttribute('viewBox') !== viewBox) {
        graph.setAttribute('viewBox', viewBox);
        graph.setAttribute('width', String(layout.width));
        graph.setAttribute('height', String(layout.height));
      }
      this.svg(graph, drawGraph(trace, layout, this.params.at, this.orientation, this.markerId));
    }
    this.text(step, stepSentence(trace, this.params.at));
  }
}
