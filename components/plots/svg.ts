// Tiny helpers for building SVG markup as strings, so drawing stays a pure
// function of its input and can be snapshot-tested in Node without a DOM.

/** A coordinate for markup: at most `digits` decimals, never "-0". */
export function num(value: number, digits = 2): string {
  const scale = 10 ** digits;
  return String(Math.round(value * scale) / scale); // String(-0) is "0"
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for use inside an element or a double-quoted attribute. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

export type AttrValue = string | number | null | undefined | false;

/** ` a="1" b="x"` for the defined attributes, numbers rounded by `num`. */
export function attrs(values: Record<string, AttrValue>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === false) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : esc(value)}"`;
  }
  return out;
}

/** One element; `children` is markup (already escaped) or absent for a self-closing tag. */
export function el(tag: string, values: Record<string, AttrValue>, children?: string): string {
  return children === undefined
    ? `<${tag}${attrs(values)}/>`
    : `<${tag}${attrs(values)}>${children}</${tag}>`;
}
