// What `npm test` needs from Debian besides npm packages: Chromium for the browser tests, and
// python3-cryptography / python3-aiortc / python3-websockets for the independent Python
// implementation and its live peer. Missing packages are installed when we can (root with
// apt-get); otherwise the run stops at once with the exact command to type. Nothing is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';
const NEEDS = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'python3-cryptography', present: () => pyHas('cryptography') },
  { pkg: 'python3-aiortc', present: () => pyHas('aiortc') },
  { pkg: 'python3-websockets', present: () => pyHas('websockets') },
];

function pyHas(mod) {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${mod}`], { stdio: 'ignore' }).status === 0;
}

export function missingPackages() {
  return NEEDS.filter((n) => !n.present()).map((n) => n.pkg);
}

/** Installs what is missing, or throws with the command a person must run. */
export function ensureDebianPackages(log = console.error) {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) throw new Error(`npm test needs Debian packages that are not installed: ${missing.join(', ')}.\nRun as root:\n  ${command}`);
  log(`installing Debian packages the tests need: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const still = missingPackages();
  if (still.length) throw new Error(`still missing after apt-get install: ${still.join(', ')}`);
}
