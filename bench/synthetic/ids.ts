/** AWS-shaped ids ("subnet-0" + 16 hex digits), unique across the whole synthetic account. */
export interface IdMaker {
  next(prefix: string): string;
}

/**
 * `namespace` (an account's number in an organization) takes the first 3 of the 16 digits, so that ids stay unique
 * across the accounts of a merged snapshot, as AWS's are; without it the ids are those of a single account.
 */
export function idMaker(namespace?: number): IdMaker {
  let counter = 0;
  const head = namespace === undefined ? "" : namespace.toString(16).padStart(3, "0");
  return {
    next(prefix) {
      counter += 1;
      return `${prefix}-0${head}${counter.toString(16).padStart(16 - head.length, "0")}`;
    },
  };
}
