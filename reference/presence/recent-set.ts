// A set that remembers at most `capacity` entries, forgetting the least recently added first; adding
// an entry again makes it the most recent. The coordinator's seen tokens and seen media ids use it,
// so that one connection announcing ever-new identities cannot grow them without bound [PRES-63].
export class RecentSet extends Set<string> {
  readonly capacity: number;

  constructor(capacity: number, initial: Iterable<string> = []) {
    super();
    this.capacity = capacity;
    for (const v of initial) this.add(v);
  }

  override add(value: string): this {
    super.delete(value); // a Set iterates in insertion order: re-adding moves it to the end
    super.add(value);
    if (this.size > this.capacity) super.delete(this.values().next().value as string);
    return this;
  }
}
