import { Controller, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { z } from 'zod';
import { AppError, defineEvent, parseInput, type EventEnvelope } from '@mc/contracts';
import { CreateOutboxAndInbox1763800000000, Inbox, Outbox, type BusContext } from '@mc/messaging';
import type { BusServiceDefinition } from '../src';

/**
 * A tiny service used only by the messaging tests: it commits "things" with an
 * outbox event, counts their events through the inbox, and fails on purpose.
 */
export const thingCreated = defineEvent('catalog', 'thing', 'created', 1, z.object({ thingId: z.string() }));
export const thingPoisoned = defineEvent('catalog', 'thing', 'poisoned', 1, z.object({ thingId: z.string() }));

export const calls = { created: 0, poisoned: 0, bootstrapped: 0 };

class CreateThings1763800100000 implements MigrationInterface {
  name = 'CreateThings1763800100000';
  async up(runner: QueryRunner) {
    await runner.query('CREATE TABLE things (id text PRIMARY KEY)');
    await runner.query('CREATE TABLE thing_events_seen (thing_id text PRIMARY KEY, times integer NOT NULL)');
  }
  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE thing_events_seen, things');
  }
}

@Injectable()
export class CreateThing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Commits a thing and its event; `failAfterWrite` rolls both back. */
  async execute(thingId: string, failAfterWrite = false, event = thingCreated) {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO things (id) VALUES ($1)', [thingId]);
      await this.outbox.add(manager, event, { thingId });
      if (failAfterWrite) throw new Error('rolled back on purpose');
    });
  }

  async loseConnection() {
    await this.dataSource.query('SELECT pg_terminate_backend(pg_backend_pid())');
  }
}

@Controller()
class ThingHandlers {
  constructor(
    private readonly createThing: CreateThing,
    private readonly inbox: Inbox,
  ) {}

  @MessagePattern('catalog.thing.fail')
  fail() {
    throw new AppError('CONFLICT', 'Hồ sơ này đã được tiếp nhận trước đó.', { dossierCode: '05983-261122-0001' });
  }

  @MessagePattern('catalog.thing.crash')
  crash() {
    throw new Error('connection string postgres://secret@db leaked');
  }

  /** The database ends this request's connection under its query, as a restarting Postgres does. */
  @MessagePattern('catalog.thing.lose-database')
  async loseDatabase() {
    await this.createThing.loseConnection();
  }

  @MessagePattern('catalog.thing.validate')
  validate(@Payload() payload: unknown) {
    return parseInput(z.object({ quantity: z.number().int().positive('Số bản phải lớn hơn 0.') }), payload);
  }

  @MessagePattern('catalog.thing.whoami')
  whoami(@Ctx() context: BusContext) {
    return context.requirePrincipal().username;
  }

  @MessagePattern('catalog.thing.create')
  async create(@Payload() payload: { thingId: string }) {
    await this.createThing.execute(payload.thingId);
    return { created: payload.thingId };
  }

  @EventPattern(thingCreated.subject)
  async onCreated(@Payload() event: EventEnvelope<{ thingId: string }>) {
    calls.created += 1;
    await this.inbox.handleOnce('test.things-seen', event.id, async (manager) => {
      await manager.query(
        `INSERT INTO thing_events_seen (thing_id, times) VALUES ($1, 1)
         ON CONFLICT (thing_id) DO UPDATE SET times = thing_events_seen.times + 1`,
        [event.data.thingId],
      );
    });
  }

  @EventPattern(thingPoisoned.subject)
  onPoisoned() {
    calls.poisoned += 1;
    throw new Error('this event can never be handled');
  }
}

/** Where a service starts its timers and loops: each must start once. */
@Injectable()
class ThingTimer implements OnApplicationBootstrap {
  onApplicationBootstrap() {
    calls.bootstrapped += 1;
  }
}

@Module({ controllers: [ThingHandlers], providers: [CreateThing, ThingTimer] })
class ThingModule {}

export const thingService: BusServiceDefinition = {
  service: 'catalog',
  module: ThingModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000, CreateThings1763800100000],
};
