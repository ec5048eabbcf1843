/**
 * POSIX shell quoting for the commands kms-audit prints. A word made only of characters no POSIX shell (sh, dash,
 * bash, zsh) treats specially is printed as it is; any other word is wrapped in single quotes, inside which nothing is
 * special, with each single quote written as '\''. So every value reaches the command as exactly one argument,
 * whatever it holds: `$(...)`, backquotes, `;`, spaces, globs or newlines.
 */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  return PLAIN.test(word) && !word.startsWith("=") ? word : singleQuoted(word);
}

/** The text in single quotes, whatever it holds. */
export function singleQuoted(text: string): string {
  // No argument can hold a NUL byte; it is shown as the text \x00 rather than silently cutting the word short.
  return `'${text.replace(/\0/g, "\\x00").replace(/'/g, `'\\''`)}'`;
}

/** A shell variable name kms-audit may assign: upper case letters, digits and underscores, not starting with a digit. */
export function isVariableName(name: string): boolean {
  return /^[A-Z_][A-Z0-9_]*$/.test(name);
}
