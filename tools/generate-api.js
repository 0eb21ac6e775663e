#!/usr/bin/env node
// Regenerates the OpenAPI response schemas (from the contracts' types) and the
// console's typed client (from the OpenAPI document). Run after changing a
// contract or a gateway route. With --check it writes nothing and fails when
// a checked-in file differs from what it would generate (the drift check in
// `npm test`). Runs from dist/ under plain Node: openapi-typescript loads
// ESM-only packages, which Jest cannot require.
require('reflect-metadata');
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const build = () => execFileSync(process.execPath, [path.join(__dirname, 'build.js'), 'services/gateway', 'libs'], { cwd: root, stdio: 'ignore' });
const artifacts = () => {
  for (const key of Object.keys(require.cache)) if (key.startsWith(path.join(root, 'dist') + path.sep)) delete require.cache[key];
  return require(path.join(root, 'dist/services/gateway/src/openapi/api-artifacts.js'));
};

function settle(file, text) {
  const relative = path.relative(root, file);
  if (!check) return writeFileSync(file, text);
  if (readFileSync(file, 'utf8') !== text) {
    process.stderr.write(`${relative} is stale: run \`node tools/generate-api.js\` and commit the result\n`);
    process.exit(1);
  }
}

async function main() {
  build();
  const { API_ARTIFACTS, generateResponseSchemas } = artifacts();
  settle(API_ARTIFACTS.responseSchemas, generateResponseSchemas());
  // The document embeds the response schemas just written: build again before describing it.
  if (!check) build();
  settle(API_ARTIFACTS.clientTypes, await artifacts().generateClientTypes());
  process.stdout.write(`${check ? 'current' : 'wrote'}: ${Object.values(API_ARTIFACTS).map((file) => path.relative(root, file)).join(', ')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
