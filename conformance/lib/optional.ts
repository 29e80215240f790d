// Packages only some subcommands need (the PeerJS broker, WebRTC, PeerJS itself) are optional
// dependencies of kibitz-protocol: a fork that only runs adapter profiles installs without them.
// A subcommand that needs one checks before it starts and names what to install.
import { createRequire } from 'node:module';

export class MissingPackageError extends Error {
  override name = 'MissingPackageError';
  constructor(readonly packages: string[], what: string) {
    super(
      `${what} needs the package${packages.length === 1 ? '' : 's'} ${packages.join(', ')}, not installed here ` +
        `(optional dependencies of kibitz-protocol, left out by --omit=optional): npm install ${packages.join(' ')}`,
    );
  }
}

const require = createRequire(import.meta.url);

/** Which of `names` cannot be resolved from this package. */
export function missingPackages(names: readonly string[]): string[] {
  return names.filter((n) => {
    try {
      require.resolve(n);
      return false;
    } catch {
      return true;
    }
  });
}

/** Throws a MissingPackageError naming every package of `names` that is not installed. */
export function requirePackages(names: readonly string[], what: string): void {
  const missing = missingPackages(names);
  if (missing.length) throw new MissingPackageError(missing, what);
}
