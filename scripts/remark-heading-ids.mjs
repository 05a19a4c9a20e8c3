/**
 * Headings carry their id explicitly, written at the end of the heading:
 *   ## Gradient descent and the step size [#gradient-descent]
 * so that rewording a heading never breaks a link a course has published.
 * This plugin moves the marker into the heading's `id` attribute.
 */
export const HEADING_ID_MARKER = /\s*\[#([a-z0-9][a-z0-9-]*)\]\s*$/;

/** The id marker of a heading node, or null. Reads the last text child. */
export function headingIdOf(heading) {
  const last = heading.children[heading.children.length - 1];
  if (!last || last.type !== 'text') return null;
  const match = HEADING_ID_MARKER.exec(last.value);
  return match ? match[1] : null;
}

function visitHeadings(node, fn) {
  if (node.type === 'heading') fn(node);
  if (node.children) for (const child of node.children) visitHeadings(child, fn);
}

export default function remarkHeadingIds() {
  return (tree) => {
    visitHeadings(tree, (heading) => {
      const id = headingIdOf(heading);
      if (!id) return;
      const last = heading.children[heading.children.length - 1];
      last.value = last.value.replace(HEADING_ID_MARKER, '');
      if (last.value === '') heading.children.pop();
      heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id } };
    });
  };
}
