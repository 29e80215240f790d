// The implementations an interop run puts in rooms together: each a peer program behind the
// peer-mode control protocol (spec/10-adapter-protocol.md 10.6). A stack that is not installed is
// reported as missing, never silently left out.
import { existsSync } from 'node:fs';
import { fromRoot } from '../lib/paths.ts';
import { PeerControl } from '../peer/control.ts';
import type { ImplementationInfo } from '../impl/types.ts';

export interface StackSpec {
  name: string;
  command: string;
  /** Why the stack cannot run here (its program is absent), or null. */
  missing: string | null;
}

export interface Stack {
  name: string;
  command: string;
  ctl: PeerControl;
  info: ImplementationInfo;
}

const node = `"${process.execPath}" "${fromRoot('bin', 'kibitz-reference.mjs')}"`;

/** The stacks of a default run: the reference on node-datachannel, the reference in Chromium, kibitz-py. */
export function defaultStacks(): StackSpec[] {
  const py = fromRoot('implementations', 'python', 'peer.py');
  const chromium = process.env.KIBITZ_CHROMIUM ?? '/usr/bin/chromium';
  return [
    { name: 'node', command: `${node} --peer`, missing: null },
    { name: 'chromium', command: `${node} --peer --browser`, missing: existsSync(chromium) ? null : `${chromium} is not installed (apt-get install -y chromium)` },
    {
      name: 'python',
      command: `/usr/bin/python3 "${py}"`,
      missing: !existsSync(py) ? 'implementations/python/peer.py is not there' : !existsSync('/usr/bin/python3') ? '/usr/bin/python3 is not installed' : null,
    },
  ];
}

/** Starts a stack's program; a program that does not come up is reported as missing, with why. */
export async function startStack(spec: StackSpec, timeoutMs: number): Promise<Stack | { name: string; missing: string }> {
  if (spec.missing) return { name: spec.name, missing: spec.missing };
  const ctl = new PeerControl(spec.command, { timeoutMs });
  try {
    const info = await ctl.start();
    return { name: spec.name, command: spec.command, ctl, info };
  } catch (e) {
    await ctl.stop().catch(() => undefined);
    return { name: spec.name, missing: `did not start as a peer program: ${(e as Error).message.split('\n')[0]}` };
  }
}
