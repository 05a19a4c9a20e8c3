/**
 * What soft-lookup shows between React renders: the two planes and the
 * weight bars, from the parameters (the points) and the worker's latest
 * answer (scores, weights, output). An answer for another number of pairs
 * is stale: the points are drawn without its numbers.
 */
import { Painter } from '@/components/widgets/kit/painter';
import { drawKeySpace, drawValueSpace, drawWeights } from './draw';
import type { LookupAnswer } from './model';
import { byPair } from './pairs';
import type { SoftLookupParams } from './schema';

type Targets = { keys: SVGGElement; values: SVGGElement; weights: SVGSVGElement };

export class SoftLookupPainter extends Painter<Targets, SoftLookupParams> {
  answer: LookupAnswer | null = null;

  setAnswer(answer: LookupAnswer | null): void {
    this.answer = answer;
    this.request();
  }

  protected paint(): void {
    const { n, query, keys, values, scaled } = this.params;
    const a = this.answer && this.answer.n === n ? this.answer : null;
    const weights = a ? byPair(a.order, a.weights) : null;
    const scores = a ? byPair(a.order, a.scores) : null;
    this.svg(this.targets.keys, drawKeySpace({ query: query[0], keys: keys.slice(0, n), scores, weights, scaled }));
    this.svg(this.targets.values, drawValueSpace({ values: values.slice(0, n), weights, output: a ? a.output : null }));
    this.svg(this.targets.weights, a ? drawWeights({ order: a.order, weights: a.weights }) : '');
  }
}
