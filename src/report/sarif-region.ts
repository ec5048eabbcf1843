/** A SARIF region on one line: from the located column to the end of that line (never empty). */
export function lineRegion(text: string, line: number, column: number) {
  const lines = text.split(/\r?\n/);
  const safeLine = Math.min(Math.max(1, line), Math.max(1, lines.length));
  const lineText = lines[safeLine - 1] ?? "";
  const startColumn = Math.min(Math.max(1, column), Math.max(1, lineText.length));
  const endColumn = Math.max(startColumn + 1, lineText.length + 1);
  return { startLine: safeLine, startColumn, endLine: safeLine, endColumn };
}
