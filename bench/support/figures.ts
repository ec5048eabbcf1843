/** One measured figure: printed as `name: value (target ...) PASS|MISS`, and kept for the JSON summary. */
export interface Figure {
  readonly name: string;
  readonly value: number | string | boolean;
  readonly unit?: string;
  /** Human-readable target ("≤ 1.0"); absent for figures that are information only. */
  readonly target?: string;
  readonly pass?: boolean;
}

function shown(value: Figure["value"], unit: string | undefined): string {
  const text = typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1)) : String(value);
  return unit === undefined ? text : `${text} ${unit}`;
}

export function figureLine(figure: Figure): string {
  const head = `${figure.name}: ${shown(figure.value, figure.unit)}`;
  if (figure.target === undefined) return head;
  return `${head} (target ${figure.target}) ${figure.pass === true ? "PASS" : "MISS"}`;
}

export function atMost(name: string, value: number, limit: number, unit?: string): Figure {
  return { name, value, ...(unit === undefined ? {} : { unit }), target: `≤ ${limit}${unit === undefined ? "" : ` ${unit}`}`, pass: value <= limit };
}

export function below(name: string, value: number, limit: number, unit?: string): Figure {
  return { name, value, ...(unit === undefined ? {} : { unit }), target: `< ${limit}${unit === undefined ? "" : ` ${unit}`}`, pass: value < limit };
}

export function info(name: string, value: Figure["value"], unit?: string): Figure {
  return { name, value, ...(unit === undefined ? {} : { unit }) };
}

export function expectTrue(name: string, value: boolean, target: string): Figure {
  return { name, value, target, pass: value };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
