/** AWS-shaped ids ("subnet-0" + 16 hex digits), unique across the whole synthetic account. */
export interface IdMaker {
  next(prefix: string): string;
}

export function idMaker(): IdMaker {
  let counter = 0;
  return {
    next(prefix) {
      counter += 1;
      return `${prefix}-0${counter.toString(16).padStart(16, "0")}`;
    },
  };
}
