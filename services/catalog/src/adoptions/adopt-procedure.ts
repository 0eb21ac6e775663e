import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { adoptionChangedV1, AppError, type AdoptionView, type PutAdoptionRequest } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { startOfVietnamDay } from '@mc/working-calendar';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { ProcedureVersion } from '../procedures/procedure-version.entity';
import { lockProcedure, versionsOf } from '../procedures/procedure-versions';
import { versionInForce } from '../procedures/version-in-force';
import { Adoption } from './adoption.entity';
import { toAdoptionView } from './adoption-view';

const ONLINE_LEVEL = { none: 0, partial: 1, full: 2 } as const;

/**
 * A unit takes a province procedure into use. It may only narrow it: name the
 * people who handle each workflow step and offer fewer channels. The legal
 * time, fees and components stay the province's (the request schema refuses
 * them by name).
 */
@Injectable()
export class AdoptProcedure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: PutAdoptionRequest, principal: Principal): Promise<AdoptionView> {
    // The catalog does not know the unit tree, only the caller's own units: a unit
    // admin adopts for the exact unit it administers, a province admin for any.
    const unitPath = principal.roles.find((grant) => grant.unit === input.unitCode)?.path;
    if (!isAllowed(principal, 'catalog.adopt', { unitPath })) {
      throw new AppError(
        'FORBIDDEN',
        `Chỉ quản trị viên của đơn vị ${input.unitCode} hoặc quản trị viên cấp tỉnh được áp dụng thủ tục cho đơn vị này.`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      // Locked like a publication, so the version checked here cannot change under us.
      await lockProcedure(manager, input.code);
      const reference = referenceVersion(await versionsOf(manager, input.code), this.clock.now());
      if (!reference) {
        throw new AppError(
          'CONFLICT',
          `Thủ tục mã ${input.code} chưa được công bố hoặc đã bị thu hồi nên đơn vị chưa thể áp dụng.`,
          { code: input.code },
        );
      }
      const issues = narrowingIssues(input, reference);
      const [first] = issues;
      if (first) {
        throw new AppError('VALIDATION_FAILED', `Dữ liệu không hợp lệ (trường "${first.path}"): ${first.message}`, { issues });
      }
      const adoption = Object.assign(new Adoption(), {
        unitCode: input.unitCode,
        procedureCode: input.code,
        active: input.active,
        handlers: input.handlers,
        channels: input.channels,
        updatedAt: this.clock.now(),
        updatedBy: principal.username,
      });
      await manager.upsert(Adoption, adoption, ['unitCode', 'procedureCode']);
      await this.outbox.add(manager, adoptionChangedV1, {
        unitCode: adoption.unitCode,
        code: adoption.procedureCode,
        active: adoption.active,
        handlers: adoption.handlers,
        channels: adoption.channels,
        changedAt: adoption.updatedAt.toISOString(),
        changedBy: adoption.updatedBy,
      });
      return toAdoptionView(adoption);
    });
  }
}

/** The version an adoption is checked against: the one in force, else the next one already published. */
function referenceVersion(versions: ProcedureVersion[], now: Date): ProcedureVersion | null {
  return (
    versionInForce(versions, now) ??
    versions.find((row) => row.status === 'published' && startOfVietnamDay(row.effectiveFrom) > now) ??
    null
  );
}

function narrowingIssues(input: PutAdoptionRequest, reference: ProcedureVersion): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const steps = new Set(reference.content.workflow.map((step) => step.key));
  input.handlers.forEach((assignment, index) => {
    if (!steps.has(assignment.step)) {
      issues.push({
        path: `handlers.${index}.step`,
        message: `Quy trình của thủ tục không có bước "${assignment.step}" (các bước: ${[...steps].join(', ')}).`,
      });
    }
  });
  const offered = reference.content.channels;
  const { online, postalPickup, postalReturn } = input.channels;
  if (online && ONLINE_LEVEL[online] > ONLINE_LEVEL[offered.online]) {
    issues.push({
      path: 'channels.online',
      message: `Tỉnh công bố mức trực tuyến "${offered.online}"; đơn vị chỉ được giữ nguyên hoặc thu hẹp, không được nâng lên "${online}".`,
    });
  }
  if (postalPickup && !offered.postalPickup) {
    issues.push({ path: 'channels.postalPickup', message: 'Thủ tục không cho phép tiếp nhận hồ sơ qua bưu chính; đơn vị không được mở thêm.' });
  }
  if (postalReturn && !offered.postalReturn) {
    issues.push({ path: 'channels.postalReturn', message: 'Thủ tục không cho phép trả kết quả qua bưu chính; đơn vị không được mở thêm.' });
  }
  return issues;
}
