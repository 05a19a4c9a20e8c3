// The book's widgets, one line each: a widget is its folder (see README.md)
// plus its line here. The MDX names, the lazy views, the embed pages, the
// content check and the bench:ui scenarios are read from this list
// (kit/catalog.ts); the worker's models come from the same folders.
export { default as activationGallery } from './activation-gallery/widget';
export { default as attentionLab } from './attention-lab/widget';
export { default as classifier2d } from './classifier-2d/widget';
export { default as cnnTrainer } from './cnn-trainer/widget';
export { default as convExplorer } from './conv-explorer/widget';
export { default as descentPlayground } from './descent-playground/widget';
export { default as fdError } from './fd-error/widget';
export { default as fitALine } from './fit-a-line/widget';
export { default as graphTrace } from './graph-trace/widget';
export { default as lossSurface } from './loss-surface/widget';
export { default as playground } from './playground/widget';
export { default as softLookup } from './soft-lookup/widget';
export { default as softmaxTemperature } from './softmax-temperature/widget';
export { default as tapeViewer } from './tape-viewer/widget';
export { default as universalBins } from './universal-bins/widget';
