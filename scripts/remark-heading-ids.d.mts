import type { Heading, Root } from 'mdast';
export const HEADING_ID_MARKER: RegExp;
export function headingIdOf(heading: Heading): string | null;
export default function remarkHeadingIds(): (tree: Root) => void;
