export * from './classification2d';
export * from './fashion-mnist';
export * from './minibatch';
export * from './names';
export * from './regression';
export * from './sequences';
export * from './shapes';
export * from './text';
