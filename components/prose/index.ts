export { Aside } from './Aside';
export { TryThis } from './TryThis';
export { Recap } from './Recap';
export { SectionHeading } from './SectionHeading';
