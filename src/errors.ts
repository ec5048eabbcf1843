/**
 * Bad input: a file, a place in it, and what was expected there. The CLI prints the message as one line and exits 2.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly place: string,
    readonly expected: string,
  ) {
    super(`${file}: ${place}: ${expected}`);
    this.name = "InputError";
  }
}

/** A command line the tool can't act on (unknown option value, missing argument). Exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
