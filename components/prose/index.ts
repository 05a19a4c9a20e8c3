export { Aside } from './Aside';
export { TryThis } from './TryThis';
export { Recap } from './Recap';
export { Predict } from './Predict';
export { SectionHeading } from './SectionHeading';
