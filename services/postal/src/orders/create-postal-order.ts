import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, CatalogSubjects, type CreatePostalOrderRequest, type PostalOrderView, type ProcedureVersionView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { NatsClientProxy } from '@mc/messaging';
import { mapAddress } from '../addresses/map-address';
import { UnitDirectory } from '../addresses/unit-directory';
import { loadOrder, toOrderView } from './order-row';

/**
 * A citizen online, or a clerk at the counter for them, asks the post to
 * collect a dossier (and, if chosen, to bring the result back). The procedure
 * must not be one the catalog excludes from BCCI; addresses are checked and
 * mapped to the units in force. The order and its place in the queue to the
 * operator are written together, so an order acknowledged here reaches the
 * operator however long it is unreachable.
 */
@Injectable()
export class CreatePostalOrder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: NatsClientProxy,
    private readonly units: UnitDirectory,
  ) {}

  async execute(input: CreatePostalOrderRequest, principal: Principal): Promise<PostalOrderView> {
    this.checkCaller(input, principal);
    const version = await this.bus.request<ProcedureVersionView>(CatalogSubjects.versionInForce, { code: input.procedureCode });
    if (!version.channels.postalPickup) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Thủ tục "${version.name}" thuộc danh mục không tiếp nhận hồ sơ qua dịch vụ bưu chính công ích; hướng dẫn công dân nộp trực tiếp hoặc trực tuyến.`,
        { issues: [{ path: 'procedureCode', message: 'Không tiếp nhận qua bưu chính.' }] },
      );
    }
    if (input.returnByPost && !version.channels.postalReturn) {
      throw new AppError('VALIDATION_FAILED', `Thủ tục "${version.name}" không trả kết quả qua dịch vụ bưu chính công ích.`, {
        issues: [{ path: 'returnByPost', message: 'Không trả kết quả qua bưu chính.' }],
      });
    }
    const pickup = await mapAddress(input.pickupAddress, this.units, 'pickupAddress');
    const back = input.returnByPost ? (input.returnAddress ? await mapAddress(input.returnAddress, this.units, 'returnAddress') : pickup) : null;
    const id = randomUUID();
    const submission = {
      procedureCode: version.code,
      receivingUnitCode: input.receivingUnitCode,
      applicant: input.applicant,
      components: input.components,
      returnMethod: back ? 'post' : 'counter',
      ...(back ? { returnAddress: back.display, returnAddressMapped: back } : {}),
      ownerSubject: principal.kind === 'citizen' ? principal.subject : null,
    };
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO orders (id, leg, procedure_code, receiving_unit_code, submission, address, contact, collected_fees, requested_by, created_at)
         VALUES ($1, 'pickup', $2, $3, $4, $5, $6, $7, $8, now())`,
        [id, version.code, input.receivingUnitCode, JSON.stringify(submission), JSON.stringify(pickup), JSON.stringify(input.contact), input.collectedFees, principal.subject],
      );
      await manager.query('INSERT INTO operator_queue (order_id) VALUES ($1)', [id]);
      return toOrderView(manager, await loadOrder(manager, id));
    });
  }

  private checkCaller(input: CreatePostalOrderRequest, principal: Principal): void {
    if (principal.kind === 'citizen') return;
    const clerkHere = principal.roles.some((grant) => grant.role === 'clerk' && grant.path.split('/').includes(input.receivingUnitCode));
    if (!clerkHere) {
      throw new AppError('FORBIDDEN', `Chỉ công dân hoặc cán bộ tiếp nhận của đơn vị ${input.receivingUnitCode} được đặt bưu chính nhận hồ sơ.`);
    }
  }
}
