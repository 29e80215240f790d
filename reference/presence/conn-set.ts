// An ordered set of connection ids whose list form is built once per change. Every `send`
// output names its recipients in connection order [PRES-57]; the heartbeat and every broadcast
// address the same few lists [PRES-19], [PRES-22], so they are cached instead of copied per send.
// The lists handed out are frozen: outputs share them.
export class ConnSet implements Iterable<string> {
  readonly #set = new Set<string>();
  #list: readonly string[] | null = null;
  #version = 0;

  /** Moves on every add or delete that changed the set. */
  get version(): number {
    return this.#version;
  }
  get size(): number {
    return this.#set.size;
  }
  has(conn: string): boolean {
    return this.#set.has(conn);
  }
  add(conn: string): this {
    if (!this.#set.has(conn)) {
      this.#set.add(conn); // a re-added id goes to the end, as a new connection does
      this.#changed();
    }
    return this;
  }
  delete(conn: string): boolean {
    if (!this.#set.delete(conn)) return false;
    this.#changed();
    return true;
  }
  clear(): void {
    if (this.#set.size === 0) return;
    this.#set.clear();
    this.#changed();
  }
  [Symbol.iterator](): IterableIterator<string> {
    return this.#set.values();
  }
  /** The members in insertion order, as one shared frozen array. */
  list(): readonly string[] {
    return (this.#list ??= Object.freeze([...this.#set]));
  }

  #changed(): void {
    this.#list = null;
    this.#version++;
  }
}
