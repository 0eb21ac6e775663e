import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HandoverBoardView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { checkHandoverParty, recentHandovers, toHandoverView, waitingItems } from './handover-rows';

/** What waits to change hands between a centre and the post, and the latest lists drawn up there. */
@Injectable()
export class GetHandoverBoard {
  constructor(private readonly dataSource: DataSource) {}

  async execute(unitCode: string, principal: Principal): Promise<HandoverBoardView> {
    checkHandoverParty(principal, unitCode, true);
    const manager = this.dataSource.manager;
    const handovers = await Promise.all((await recentHandovers(manager, unitCode)).map((row) => toHandoverView(manager, row)));
    return { unitCode, pending: await waitingItems(manager, unitCode), handovers };
  }
}
