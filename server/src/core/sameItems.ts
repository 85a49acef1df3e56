// Whether two lists hold the same items in the same order: how builds tell that what they were
// given has not changed, and how a section tells that its aliases have not.

export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}
