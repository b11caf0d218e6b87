/** A query parameter outside its allowed values: shown as a 400 page listing them. */
export class BadParam extends Error {
  constructor(
    readonly param: string,
    readonly value: string,
    readonly allowed: readonly string[],
  ) {
    super(`${param} must be one of ${allowed.join(', ')}`);
  }
}
