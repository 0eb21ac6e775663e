import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { createProcedureRequestSchema, parseInput, procedurePublishedV1 } from '@mc/contracts';
import { Outbox } from '@mc/messaging';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { ProcedureVersion } from './procedure-version.entity';
import { contentOf, newVersion } from './procedure-versions';

const demoFileSchema = z.object({
  $comment: z.string().optional(),
  procedures: z.array(z.record(z.string(), z.unknown())),
});

export const DEMO_PUBLISHER = 'du-lieu-mau';

/**
 * Publishes the demo catalogue (infra/demo/catalog/procedures.json) as version
 * 1 of each procedure, with its publication event. Procedures already in the
 * catalogue are left alone, so edits made during a demo survive restarts. The
 * whole file is validated first: a bad entry stops the load before anything
 * is written.
 */
@Injectable()
export class LoadDemoCatalog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(file: string): Promise<number> {
    const { procedures } = demoFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const entries = procedures.map(({ $comment: _comment, ...entry }, index) => {
      try {
        return parseInput(createProcedureRequestSchema, entry);
      } catch (error) {
        throw new Error(`${file}: thủ tục thứ ${index + 1} (${String(entry.code)}): ${(error as Error).message}`);
      }
    });
    let created = 0;
    for (const { code, ...content } of entries) {
      created += await this.dataSource.transaction(async (manager) => {
        const now = this.clock.now();
        const inserted: unknown[] = await manager.query(
          'INSERT INTO procedures (code, created_at, created_by) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code',
          [code, now, DEMO_PUBLISHER],
        );
        if (inserted.length === 0) return 0;
        const row = Object.assign(newVersion(code, 1, content, DEMO_PUBLISHER, now), {
          status: 'published' as const,
          publishedAt: now,
          publishedBy: DEMO_PUBLISHER,
        });
        await manager.insert(ProcedureVersion, row);
        await this.outbox.add(manager, procedurePublishedV1, {
          code,
          version: 1,
          content: contentOf(row),
          publishedAt: now.toISOString(),
          publishedBy: DEMO_PUBLISHER,
        });
        return 1;
      });
    }
    return created;
  }
}
