// An observer that holds a presence connection must behave like a live participant, or the
// implementation gives up on it (PRES-36) or reaps it (PRES-23) in the middle of a scenario, and a
// coordinator that held an announcement (identity gate busy, PRES-10) never sees it again: it pings
// every 2000 ms and, while it has an announcement, re-sends it every 3000 ms (PRES-40).
import type { Link } from '../observer/link.ts';

export interface Liveness {
  /** The voice frame re-sent every 3000 ms; null stops re-announcing. */
  announce: Record<string, unknown> | null;
  stop(): void;
}

export function keepAlive(link: Link, announce: Record<string, unknown> | null = null): Liveness {
  let beats = 0;
  const live: Liveness = {
    announce,
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(() => {
    if (link.closed) return clearInterval(timer);
    beats += 1;
    if (beats % 2 === 0) link.send({ t: 'ping' });
    if (beats % 3 === 0 && live.announce) link.send(live.announce);
  }, 1000);
  timer.unref();
  return live;
}
