// Bounded waiting for tests: uvu has no per-test timeout, so every await on the network goes
// through one of these and fails with a message instead of hanging the run.

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves with p, or rejects once `ms` have passed. The timer never outlives the race. */
export async function within<T>(ms: number, label: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label}: not done within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `cond` every `everyMs` until it returns a value other than undefined/false, or fails. */
export async function until<T>(ms: number, label: string, cond: () => T | undefined | false | Promise<T | undefined | false>, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`${label}: condition not met within ${ms} ms`);
    await sleep(everyMs);
  }
}
