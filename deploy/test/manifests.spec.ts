import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const checker = path.join(root, 'deploy', 'check-manifests.mjs');

/** A built object as JSON: the checks read nested fields of many kinds, so no one type fits. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

interface Built {
  kind: string;
  name: string;
  namespace?: string;
  object: Manifest;
}

interface IngressRule {
  http: { paths: Array<{ backend: { service: { name: string } } }> };
}

/** The checker runs as its own ES module: the Kubernetes models ship as ES modules only. */
const runChecker = (...args: string[]) => spawnSync(process.execPath, [checker, ...args], { cwd: root, encoding: 'utf8' });

// Built and checked once: building and loading the schemas takes seconds.
const repository = runChecker('--json');
const lines = repository.stdout.trim().split('\n');
const built: Record<string, Built[]> = JSON.parse(lines.pop()!);

describe('the data centre manifests', () => {
  const objects = Object.values(built).flat();
  const find = (kind: string, name: string) => objects.find((object) => object.kind === kind && object.name === name)?.object;

  it('build, validate against the Kubernetes and CRD schemas, and keep the invariants', () => {
    expect(repository.stderr).toBe('');
    expect(lines).toEqual([]);
    expect(repository.status).toBe(0);
    expect(Object.keys(built)).toEqual(['deploy/k8s/infra', 'deploy/k8s/overlays/province']);
  });

  it('catch each kind of mistake in a deliberately careless kustomization', () => {
    const run = runChecker('deploy/test/bad-kustomization');
    expect(run.status).toBe(1);
    for (const mistake of [
      'Secret/committed: holds secret values in the repository',
      'Deployment/careless: data/spec/replicas must be integer',
      'Deployment/careless: container app: no readinessProbe',
      'Deployment/careless: container app: no livenessProbe',
      'Deployment/careless: container app: no cpu/memory requests',
      'Deployment/careless: container app: runAsNonRoot is not true',
      'Deployment/careless: container app: capabilities do not drop ALL',
      'Deployment/careless: container app: DB_PASSWORD is a literal; take it from a Secret',
      'Gadget/unknown: no schema for example.com/v1 Gadget',
      'Namespace/careless: no default-deny NetworkPolicy',
    ]) {
      expect(run.stdout).toContain(mistake);
    }
  });

  it('deploy every service of the repository, each probed on its own pod', () => {
    const deployables = readdirSync(path.join(root, 'services')).filter((name) => existsSync(path.join(root, 'services', name, 'src', 'main.ts')));
    expect(deployables.length).toBeGreaterThan(7);
    for (const service of deployables) {
      const deployment = find('Deployment', service);
      expect({ service, deployed: Boolean(deployment) }).toEqual({ service, deployed: true });
      const [container] = deployment!.spec.template.spec.containers;
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'ops' });
      expect(container.ports).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'ops', containerPort: 9464 })]));
    }
    const config = find('ConfigMap', objects.find((object) => object.kind === 'ConfigMap' && object.name.startsWith('mot-cua-common'))!.name)!;
    expect(config.data).toMatchObject({ OPS_PORT: '9464', BUS_STREAM_REPLICAS: '3' });
  });

  it('run NATS as three JetStream nodes, Postgres with standbys and backups, MinIO on four nodes', () => {
    const nats = find('StatefulSet', 'nats')!;
    expect(nats.spec.replicas).toBe(3);
    expect(find('ConfigMap', objects.find((object) => object.name.startsWith('nats-config'))!.name)!.data['nats.conf']).toContain('nats://nats-2.nats-headless:6222');
    const postgres = find('Cluster', 'motcua-pg')!;
    expect(postgres.spec.instances).toBeGreaterThanOrEqual(2);
    expect(postgres.spec.backup.barmanObjectStore.destinationPath).toMatch(/^s3:\/\//);
    expect(find('ScheduledBackup', 'motcua-pg-daily')).toBeDefined();
    expect(find('StatefulSet', 'minio')!.spec.replicas).toBe(4);
    expect(find('Deployment', 'keycloak')).toBeDefined();
    expect(find('Deployment', 'otel-collector')).toBeDefined();
  });

  it('let traffic from outside reach only the gateway', () => {
    const ingresses = objects.filter((object) => object.kind === 'Ingress').map((object) => object.object);
    const backends = ingresses.flatMap((ingress) => (ingress.spec.rules as IngressRule[]).flatMap((rule) => rule.http.paths.map((entry) => entry.backend.service.name)));
    expect(new Set(backends)).toEqual(new Set(['gateway', 'keycloak']));
    for (const ingress of ingresses) expect(ingress.spec.tls.length).toBeGreaterThan(0);
    const fromIngressController = objects.filter(
      (object) =>
        object.kind === 'NetworkPolicy' &&
        object.namespace === 'mot-cua' &&
        JSON.stringify(object.object.spec.ingress ?? []).includes('ingress-nginx'),
    );
    expect(fromIngressController.map((policy) => policy.object.spec.podSelector)).toEqual([{ matchLabels: { 'app.kubernetes.io/name': 'gateway' } }]);
  });
});

describe('the alert rules', () => {
  const promtool = spawnSync('promtool', ['--version']).status === 0 ? 'promtool' : undefined;

  it('fire for a stuck outbox, a dead letter, a growing lag, 5xx and a failover, and not for the healthy series (promtool test rules)', () => {
    // .ci/run installs Debian's prometheus package for promtool; without it this test cannot say anything.
    expect(promtool).toBe('promtool');
    const rules = built['deploy/k8s/overlays/province'].find((object) => object.kind === 'PrometheusRule')!.object;
    const dir = mkdtempSync(path.join(tmpdir(), 'alert-rules-'));
    try {
      // A PrometheusRule's spec is a rule file: the same groups Prometheus loads.
      writeFileSync(path.join(dir, 'rules.yaml'), JSON.stringify(rules.spec));
      copyFileSync(path.join(root, 'deploy', 'monitoring', 'alert-rules.test.yaml'), path.join(dir, 'alert-rules.test.yaml'));
      execFileSync('promtool', ['check', 'rules', 'rules.yaml'], { cwd: dir });
      const run = spawnSync('promtool', ['test', 'rules', 'alert-rules.test.yaml'], { cwd: dir, encoding: 'utf8' });
      expect(run.stdout + run.stderr).toContain('SUCCESS');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Every metric name the platform's own code registers, read from the sources (libs and services). */
const registeredMetrics = (): Set<string> => {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'test') walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts')) {
        for (const match of readFileSync(full, 'utf8').matchAll(/'((?:mc|http_server)_[a-z_]+)'/g)) names.add(match[1]);
      }
    }
  };
  walk(path.join(root, 'libs'));
  walk(path.join(root, 'services'));
  return names;
};

describe('the dashboard and the alerts', () => {
  const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy', 'monitoring', 'grafana-dashboard.json'), 'utf8'));
  const dashboardExprs: string[] = dashboard.panels.flatMap((panel: { targets: Array<{ expr: string }> }) => panel.targets.map((target) => target.expr));
  const rules = built['deploy/k8s/overlays/province'].find((object) => object.kind === 'PrometheusRule')!.object;
  const alertExprs: string[] = rules.spec.groups.flatMap((group: { rules: Array<{ expr: string }> }) => group.rules.map((rule) => rule.expr));

  it('use only metrics the services export (a renamed metric breaks this, not the night shift)', () => {
    const registered = registeredMetrics();
    const used = new Set(
      [...dashboardExprs, ...alertExprs].flatMap((expr) => [...expr.matchAll(/\b((?:mc|http_server)_[a-z_]+)/g)].map((match) => match[1].replace(/_(bucket|count|sum|total)$/, ''))),
    );
    expect(used.size).toBeGreaterThan(8);
    expect([...used].filter((name) => !registered.has(name))).toEqual([]);
  });

  it('has dashboard queries Prometheus can parse', () => {
    expect(spawnSync('promtool', ['--version']).status).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'dashboard-'));
    try {
      const recording = { groups: [{ name: 'dashboard', rules: dashboardExprs.map((expr, i) => ({ record: `dashboard:panel_${i}`, expr })) }] };
      writeFileSync(path.join(dir, 'dashboard.yaml'), JSON.stringify(recording));
      const run = spawnSync('promtool', ['check', 'rules', 'dashboard.yaml'], { cwd: dir, encoding: 'utf8' });
      expect(run.stdout + run.stderr).toContain(`SUCCESS: ${dashboardExprs.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
