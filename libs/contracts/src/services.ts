/** The deployables. The gateway is HTTP-only; the rest answer on NATS. */
export const SERVICE_NAMES = [
  'gateway',
  'identity',
  'catalog',
  'dossier',
  'documents',
  'signatures',
  'postal',
  'reporting',
  'notifications',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export const BUS_SERVICES = SERVICE_NAMES.filter((s) => s !== 'gateway') as Exclude<ServiceName, 'gateway'>[];

export const healthSubject = (service: ServiceName): string => `${service}.health.get`;

export interface HealthReport {
  service: ServiceName;
  status: 'up';
  version: string;
  instance: string;
  uptimeSeconds: number;
}
