import 'reflect-metadata';
import { startTelemetry } from '@mc/observability';
import { ConfigError } from '@mc/service-runtime/config';
import { startGateway } from './start-gateway';

startTelemetry({ serviceName: 'gateway' });
startGateway().then(
  (gateway) => {
    const stop = () => {
      const force = setTimeout(() => process.exit(1), 10_000).unref();
      gateway.close().then(() => {
        clearTimeout(force);
        process.exit(0);
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (error) => {
    const message = error instanceof ConfigError ? error.message : `không khởi động được (failed to start): ${error?.stack ?? error}`;
    process.stderr.write(`gateway: ${message}\n`);
    process.exit(1);
  },
);
