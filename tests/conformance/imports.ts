// The module specifiers of a TypeScript source, for the tests that walk import graphs
// (independence of the judge, runtime dependencies of the package).

/** Every module specifier in a source file: static imports and re-exports, dynamic imports. */
export function specifiers(src: string): { spec: string; dynamic: boolean; raw: string }[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: { spec: string; dynamic: boolean; raw: string }[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\b[^'"`;()]*?\bfrom\s*(['"])([^'"]+)\1/g)) out.push({ spec: m[2]!, dynamic: false, raw: `${m[1]}${m[2]}${m[1]}` });
  for (const m of code.matchAll(/\bimport\s*(['"])([^'"]+)\1/g)) out.push({ spec: m[2]!, dynamic: false, raw: `${m[1]}${m[2]}${m[1]}` });
  for (const m of code.matchAll(/\bimport\s*\(([^;]*?)\)\s*[;,)\]]/g)) {
    const raw = m[1]!.trim();
    out.push({ spec: raw.replace(/^['"`]|['"`]$/g, ''), dynamic: true, raw });
  }
  return out;
}

