// dist/licenses.txt: the licence of every package the action bundle holds. The list comes from the bundler's own
// module list (scripts/build-action.ts), so a package that enters the bundle enters this file; ncc's --license
// option only listed the few packages it recognised (3 of about 20).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface StatsModule {
  identifier?: string;
  modules?: StatsModule[];
}

/** The package directories (…/node_modules/<name>) of every module in webpack stats. */
export function bundledPackageDirs(stats: { modules?: StatsModule[] }): string[] {
  const dirs = new Set<string>();
  const visit = (modules: StatsModule[] = []) => {
    for (const module of modules) {
      // Loaders come first in an identifier, each ending in '!': the module's own file is the last part.
      const file = (module.identifier ?? '').split('!').pop()?.replaceAll('\\', '/') ?? '';
      const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
      if (match?.[1]) dirs.add(match[1]);
      visit(module.modules);
    }
  };
  visit(stats.modules);
  return [...dirs];
}

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  text: string;
}

function readPackage(dir: string): BundledPackage {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|-|$)/i.test(name));
  const text = file
    ? readFileSync(join(dir, file), 'utf8').replaceAll('\r\n', '\n').trim()
    : `The package holds no licence file; its package.json declares ${manifest.license ?? 'no licence'}.`;
  return { name: manifest.name, version: manifest.version, license: manifest.license ?? 'UNKNOWN', text };
}

/** The licences file for the packages in `dirs`, one section per name@version, sorted. */
export function licensesText(dirs: string[]): string {
  const packages = new Map<string, BundledPackage>();
  for (const dir of dirs) {
    if (!existsSync(join(dir, 'package.json'))) throw new Error(`no package.json in ${dirname(dir)}`);
    const pkg = readPackage(dir);
    packages.set(`${pkg.name}@${pkg.version}`, pkg);
  }
  return `${[...packages.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, pkg]) => `${id}\n${pkg.license}\n\n${pkg.text}\n`)
    .join('\n----------------------------------------------------------------------\n\n')}`;
}
