// Results of a pure function of a string, kept by key: every index build and every keystroke asks
// again for the keys of the same IDs, titles, terms and front matters. The oldest is dropped past
// the limit, so a long session with many files cannot grow it without bound.

export class Memo<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: (key: string) => T): T {
    let value = this.map.get(key);
    if (value === undefined) {
      value = compute(key);
      if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value!);
      this.map.set(key, value);
    }
    return value;
  }
}
