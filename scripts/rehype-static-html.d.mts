import type { Root } from 'hast';
export default function rehypeStaticHtml(options?: { basePath?: string }): (tree: Root) => void;
