// The implementations an interop run puts in rooms together: each a peer program behind the
// peer-mode control protocol (spec/10-adapter-protocol.md 10.6). A stack that is not installed is
// reported as missing, never silently left out.
import { existsSync } from 'node:fs';
import { fromSources, referenceCommand } from '../cli/launcher.ts';
import { missingPackages } from '../lib/optional.ts';
import { fromRoot } from '../lib/paths.ts';
import { PeerControl } from '../peer/control.ts';
import type { ImplementationInfo } from '../impl/types.ts';

export interface StackSpec {
  name: string;
  command: string;
  /** Why the stack cannot run here (its program is absent), or null. */
  missing: string | null;
  /**
   * Why the stack exists only in a checkout of the repository (it is not in the published
   * package), or absent. Such a stack is left out of a default run of the installed package, and
   * asking for it there is a usage error.
   */
  devOnly?: string;
}

export interface Stack {
  name: string;
  command: string;
  ctl: PeerControl;
  info: ImplementationInfo;
}

/** The Chromium stack compiles the reference's TypeScript for the page when it starts. */
export const CHROMIUM_DEV_ONLY =
  'the chromium stack is dev-only: it compiles the reference\'s TypeScript sources for the browser at start-up (TypeScript and playwright-core, dev dependencies), which the published package does not ship; run it from a checkout of the kibitz-protocol repository (node bin/kibitz-conformance.mjs interop)';
export const PYTHON_DEV_ONLY =
  'the python stack (kibitz-py) lives in the repository, not in the published package; run it from a checkout, or name your own program with --stack python=cmd:"<command>"';

/** The stacks of a default run: the reference on node-datachannel, the reference in Chromium, kibitz-py. */
export function defaultStacks(): StackSpec[] {
  const py = fromRoot('implementations', 'python', 'peer.py');
  const chromium = process.env.KIBITZ_CHROMIUM ?? '/usr/bin/chromium';
  const checkout = fromSources();
  const nodePackages = missingPackages(['peerjs', 'node-datachannel']);
  return [
    {
      name: 'node',
      command: referenceCommand('--peer'),
      missing: nodePackages.length ? `the reference peer program needs ${nodePackages.join(', ')} (optional dependencies): npm install ${nodePackages.join(' ')}` : null,
    },
    {
      name: 'chromium',
      command: referenceCommand('--peer --browser'),
      missing: existsSync(chromium) ? null : `${chromium} is not installed (apt-get install -y chromium)`,
      ...(checkout ? {} : { devOnly: CHROMIUM_DEV_ONLY }),
    },
    {
      name: 'python',
      command: `/usr/bin/python3 "${py}"`,
      missing: !existsSync(py) ? 'implementations/python/peer.py is not there' : !existsSync('/usr/bin/python3') ? '/usr/bin/python3 is not installed' : null,
      ...(checkout ? {} : { devOnly: PYTHON_DEV_ONLY }),
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
