import { Inject, Injectable } from '@nestjs/common';
import { BUS_SERVICES, healthSubject, type HealthReport, type ServiceName } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

export type ServiceState = 'up' | 'down';

export interface PlatformHealth {
  status: 'ok' | 'degraded';
  services: Record<ServiceName, ServiceState>;
  checkedAt: string;
}

/** Asks every service over NATS at once; one that does not answer in time is down. */
@Injectable()
export class GetPlatformHealth {
  constructor(
    private readonly bus: NatsClientProxy,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute(): Promise<PlatformHealth> {
    const states = await Promise.all(
      BUS_SERVICES.map(async (service): Promise<[ServiceName, ServiceState]> => {
        const timeout = new Promise<ServiceState>((resolve) => setTimeout(() => resolve('down'), this.config.HEALTH_TIMEOUT_MS).unref());
        const answer = this.bus
          .request<HealthReport>(healthSubject(service), null)
          .then((report): ServiceState => (report?.status === 'up' ? 'up' : 'down'))
          .catch((): ServiceState => 'down');
        return [service, await Promise.race([answer, timeout])];
      }),
    );
    const services = Object.fromEntries([['gateway', 'up'], ...states]) as Record<ServiceName, ServiceState>;
    return {
      status: states.every(([, state]) => state === 'up') ? 'ok' : 'degraded',
      services,
      checkedAt: new Date().toISOString(),
    };
  }
}
