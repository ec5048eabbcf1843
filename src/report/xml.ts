import { visible } from "../text/visible.js";

/** Characters XML 1.0 does not allow at all (C0 controls other than tab, newline, carriage return; lone surrogates). */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function markup(text: string): string {
  return text.replace(INVALID, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Element text: each line made visible (controls, bidirectional characters; see visible()), what XML 1.0 can't hold
 * at all (lone surrogates) replaced by U+FFFD, markup escaped. Its newlines are the caller's own.
 */
export function xmlText(text: string): string {
  return markup(text.split("\n").map(visible).join("\n"));
}

/** An attribute value: one line, made visible, markup and quotes escaped. */
export function xmlAttribute(text: string): string {
  return markup(visible(text)).replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function element(name: string, attributes: readonly (readonly [string, string | number])[], children?: string): string {
  const attrs = attributes.map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`).join("");
  return children === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${children}</${name}>`;
}
