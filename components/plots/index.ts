// Reusable plot pieces: pure functions from data to SVG markup or pixels,
// plus the few adapters that touch the DOM (dom.ts, paintHeatmap).
export * from './axes';
export * from './colour';
export * from './contour';
export * from './dom';
export * from './grid';
export * from './heatmap';
export * from './line';
export * from './loss-chart';
export * from './palette';
export * from './path';
export * from './scales';
export * from './scatter';
export * from './svg';
export * from './step-chart';
export * from './tiles';
