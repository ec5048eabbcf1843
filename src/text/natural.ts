/*
 * Natural order of names: runs of digits compare by their value, so fn-2 comes before fn-10. Deterministic (no locale):
 * other characters compare by code unit, and names equal but for leading zeros fall back to plain order. AWS resource
 * ids (hexadecimal) compare as they are.
 */

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The end of the run of digits (or of non-digits) starting at `from`. */
function runEnd(text: string, from: number): number {
  const digits = isDigit(text.charCodeAt(from));
  let end = from + 1;
  while (end < text.length && isDigit(text.charCodeAt(end)) === digits) end++;
  return end;
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, "");
  const y = b.replace(/^0+/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** An AWS resource id (subnet-0a1b..., rtb-..., sg-...): hexadecimal, so its digits are no number to compare. */
const AWS_ID = /^[a-z]+(?:-[a-z]+)*-[0-9a-f]{8,17}$/;

export function naturalCompare(a: string, b: string): number {
  if (AWS_ID.test(a) && AWS_ID.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const endA = runEnd(a, i);
    const endB = runEnd(b, j);
    const runA = a.slice(i, endA);
    const runB = b.slice(j, endB);
    const bothDigits = isDigit(runA.charCodeAt(0)) && isDigit(runB.charCodeAt(0));
    const order = bothDigits ? compareDigits(runA, runB) : runA < runB ? -1 : runA > runB ? 1 : 0;
    if (order !== 0) return order;
    i = endA;
    j = endB;
  }
  if (i < a.length || j < b.length) return i < a.length ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy sorted in natural order. */
export function naturalSort(items: Iterable<string>): string[] {
  return [...items].sort(naturalCompare);
}
