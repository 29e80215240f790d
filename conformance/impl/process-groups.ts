// Adapter process groups still alive. If the harness itself is stopped (Ctrl-C, SIGTERM from CI,
// a crash), every group is killed first: an adapter must never outlive the run that started it.
const live = new Set<number>();
let installed = false;

function killAll(): void {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', killAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      killAll();
      process.stderr.write(`\nkibitz-conformance: ${signal}, adapter stopped\n`);
      process.exit(code);
    });
  }
}

export function trackGroup(pid: number): void {
  install();
  live.add(pid);
}

export function killGroup(pid: number): void {
  live.delete(pid);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
