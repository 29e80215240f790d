// What `kibitz-reference --peer` needs before it can start, checked by the entry points so that a
// missing piece is one clear line on stderr (and exit status 2), never a module-resolution stack:
// PeerJS and node-datachannel are optional dependencies of kibitz-protocol, and the Chromium peer
// (`--peer --browser`) is dev-only: it compiles this directory's TypeScript sources for the page
// when it starts, which only a checkout of the repository has.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

function missing(names: readonly string[]): string[] {
  return names.filter((n) => {
    try {
      require.resolve(n);
      return false;
    } catch {
      return true;
    }
  });
}

/** Why peer mode cannot start here, or null. */
export function peerModeProblem(browser: boolean): string | null {
  if (browser && !existsSync(fileURLToPath(new URL('./browser/page.ts', import.meta.url)))) {
    return 'kibitz-reference --peer --browser is dev-only: it compiles the reference\'s TypeScript sources for the browser at start-up, and the published package ships compiled JavaScript only; run it from a checkout of the kibitz-protocol repository (node bin/kibitz-reference.mjs --peer --browser)';
  }
  const absent = missing(browser ? ['peerjs', 'playwright-core', 'typescript'] : ['peerjs', 'node-datachannel']);
  if (absent.length) {
    return `kibitz-reference --peer${browser ? ' --browser' : ''} needs the package${absent.length === 1 ? '' : 's'} ${absent.join(', ')}, not installed here (optional dependencies of kibitz-protocol, left out by --omit=optional): npm install ${absent.join(' ')}`;
  }
  return null;
}
