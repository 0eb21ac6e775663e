import { Module } from '@nestjs/common';
import { UnitDirectory } from './addresses/unit-directory';
import { UnitsModule } from './addresses/units.module';
import { ConfirmHandover } from './handovers/confirm-handover';
import { GetHandoverBoard } from './handovers/get-handover-board';
import { HandoverHandlers } from './handovers/handovers.handlers';
import { PrepareHandover } from './handovers/prepare-handover';
import { HttpPostalOperator, POSTAL_OPERATOR } from './operator/postal-operator';
import { SendQueuedOrders } from './operator/send-queued-orders';
import { CreatePostalOrder } from './orders/create-postal-order';
import { GetPostalOrder } from './orders/get-postal-order';
import { LinkReceivedDossier } from './orders/link-received-dossier';
import { OpenReturnOrder } from './orders/open-return-order';
import { OrderHandlers } from './orders/orders.handlers';
import { RetireReceivedConsumer } from './orders/retire-received-consumer';
import { ReconcileDay } from './reconciliation/reconcile-day';
import { ReconciliationHandlers } from './reconciliation/reconciliation.handlers';
import { ReceiveOperatorReport } from './webhooks/receive-operator-report';
import { WebhookHandlers } from './webhooks/webhooks.handlers';

/** BCCI: orders with the postal operator, its signed reports, the hand-over lists at the centre, and the daily reconciliation. */
@Module({
  imports: [UnitsModule],
  controllers: [OrderHandlers, WebhookHandlers, ReconciliationHandlers, HandoverHandlers],
  providers: [
    ConfirmHandover,
    CreatePostalOrder,
    GetHandoverBoard,
    PrepareHandover,
    GetPostalOrder,
    LinkReceivedDossier,
    OpenReturnOrder,
    ReceiveOperatorReport,
    ReconcileDay,
    RetireReceivedConsumer,
    UnitDirectory,
    SendQueuedOrders,
    { provide: POSTAL_OPERATOR, useClass: HttpPostalOperator },
  ],
})
export class PostalModule {}
