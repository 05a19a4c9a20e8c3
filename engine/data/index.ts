export * from './classification2d';
export * from './minibatch';
export * from './regression';
