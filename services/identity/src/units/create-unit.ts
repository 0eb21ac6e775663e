import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ADMINISTRATIVE_CODE_LENGTH, AppError, UNIT_KIND_NAMES, unitCreatedV1, type UnitInput, type UnitKind, type UnitView } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { toUnitView, UnitStore } from './unit-store';

/** Which kinds may sit under which; organisational units may sit under anything. */
const PARENT_KINDS: Partial<Record<UnitKind, readonly UnitKind[]>> = {
  district: ['province'],
  commune: ['province', 'district'],
  ward: ['province', 'district'],
  township: ['district'],
  special_zone: ['province', 'district'],
};

/**
 * Adds a unit under its parent. Codes are permanent: a code used once, even by
 * a unit since merged away, is never given to another unit.
 */
@Injectable()
export class CreateUnit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async execute(input: UnitInput, principal: Principal): Promise<UnitView> {
    return this.dataSource.transaction((manager) => this.create(manager, input, principal));
  }

  /** Also used by the import, inside its single transaction. */
  async create(manager: EntityManager, input: UnitInput, principal: Principal): Promise<UnitView> {
    checkCode(input.code, input.kind);
    let parentPath = '/';
    let parentId: string | null = null;
    if (input.kind === 'province') {
      if (input.parentCode) throw new AppError('VALIDATION_FAILED', 'Tỉnh là gốc của cây đơn vị, không có đơn vị cấp trên.');
    } else {
      if (!input.parentCode) throw new AppError('VALIDATION_FAILED', `Đơn vị ${input.code} cần mã đơn vị cấp trên.`);
      const parent = await this.units.require(input.parentCode, manager);
      const allowedParents = PARENT_KINDS[input.kind];
      if (allowedParents && !allowedParents.includes(parent.kind)) {
        throw new AppError('VALIDATION_FAILED', `Đơn vị loại "${UNIT_KIND_NAMES[input.kind]}" không thể trực thuộc đơn vị loại "${UNIT_KIND_NAMES[parent.kind]}".`);
      }
      parentPath = parent.path;
      parentId = parent.id;
    }
    if (!isAllowed(principal, 'unit.create', { unitPath: parentPath })) {
      throw new AppError('FORBIDDEN', 'Bạn không có quyền thêm đơn vị tại đây.');
    }
    if (await this.units.find(input.code, manager)) {
      throw new AppError('CONFLICT', `Mã đơn vị ${input.code} đã được dùng; mã đơn vị không bao giờ được dùng lại.`);
    }
    const path = `${parentPath}${input.code}/`;
    await manager.query(
      `INSERT INTO units (id, code, name, kind, parent_id, path, valid_from, valid_to, formed_from, previous_names)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        randomUUID(),
        input.code,
        input.name,
        input.kind,
        parentId,
        path,
        input.validFrom,
        input.validTo,
        input.formedFrom,
        JSON.stringify(input.previousNames),
      ],
    );
    const view = toUnitView({
      id: '',
      code: input.code,
      name: input.name,
      kind: input.kind,
      parent_code: input.parentCode,
      path,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      previous_names: input.previousNames,
    });
    await this.audit.record(manager, { actor: principal.username, action: 'unit.created', targetType: 'unit', targetId: input.code, after: view });
    const { previousNames: _ignored, ...data } = view;
    await this.outbox.add(manager, unitCreatedV1, { ...data, formedFrom: input.formedFrom });
    return view;
  }
}

function checkCode(code: string, kind: UnitKind): void {
  const length = ADMINISTRATIVE_CODE_LENGTH[kind];
  if (length !== undefined && !new RegExp(`^\\d{${length}}$`).test(code)) {
    throw new AppError('VALIDATION_FAILED', `Mã đơn vị hành chính loại "${UNIT_KIND_NAMES[kind]}" phải gồm đúng ${length} chữ số (đang là "${code}").`);
  }
  if (length === undefined && /^\d+$/.test(code)) {
    throw new AppError('VALIDATION_FAILED', `Mã toàn số dành cho đơn vị hành chính; cơ quan, phòng ban dùng mã dạng "<mã đơn vị>.<ký hiệu>" (đang là "${code}").`);
  }
}
