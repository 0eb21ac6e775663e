import 'reflect-metadata';
import { Bus } from '@mc/messaging';
import { createServiceDataSource, runMigrations } from '@mc/persistence';
import { baseConfigSchema, loadConfig } from '@mc/service-runtime';
import { projectionConfigSchema } from './projection/projection.config';
import { RebuildProjection } from './projection/rebuild-projection';
import { reportingService } from './reporting.service';

/**
 * `node dist/services/reporting/src/rebuild.js`: empties the dossier read
 * models and makes the running replicas replay the dossier stream from its
 * first event. With `--replay-only` the tables are kept, which must change no figure.
 */
async function main(): Promise<void> {
  const config = loadConfig(baseConfigSchema.extend(projectionConfigSchema.shape), process.env);
  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    schema: 'reporting',
    entities: [],
    migrations: reportingService.migrations,
    poolSize: 2,
    applicationName: 'reporting-rebuild',
  });
  await dataSource.initialize();
  const bus = await Bus.connect({ url: config.NATS_URL, namespace: config.BUS_NAMESPACE, service: 'reporting', streamReplicas: config.BUS_STREAM_REPLICAS });
  try {
    await runMigrations(dataSource, 'reporting');
    await new RebuildProjection(dataSource, bus, config).execute({ keepTables: process.argv.includes('--replay-only') });
    process.stdout.write('reporting: projection reset; the running service replays the dossier stream from its first event\n');
  } finally {
    await bus.close();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`reporting rebuild: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
