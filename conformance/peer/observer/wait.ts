// Bounded waiting for the peer suite: every wait on the network ends, with a value or a timeout.

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` until it yields something other than undefined/false, or `ms` pass (then undefined). */
export async function poll<T>(ms: number, cond: () => T | undefined | false | Promise<T | undefined | false>, everyMs = 40): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v !== undefined && v !== false) return v;
    if (Date.now() >= deadline) return undefined;
    await sleep(everyMs);
  }
}
