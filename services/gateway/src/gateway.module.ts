import { Module, type DynamicModule } from '@nestjs/common';
import { NatsClientProxy } from '@mc/messaging/client';
import { AuthConfigController } from './auth/auth-config.controller';
import { CalendarController } from './calendar/calendar.controller';
import { ProceduresController } from './catalog/procedures.controller';
import { UnitAdoptionsController } from './catalog/unit-adoptions.controller';
import { PipelineProbeController } from './diagnostics/pipeline-probe.controller';
import { DocumentsController } from './documents/documents.controller';
import { FileTransferController } from './documents/file-transfer.controller';
import { FormsController } from './documents/forms.controller';
import { DossiersController } from './dossiers/dossiers.controller';
import { WorkQueuesController } from './dossiers/work-queues.controller';
import { ApplicantsController } from './dossiers/applicants.controller';
import { TrackingBookController } from './dossiers/tracking-book.controller';
import { TrackingController } from './dossiers/tracking.controller';
import { CitizenDossiersController } from './dossiers/citizen-dossiers.controller';
import { RatingsController } from './dossiers/ratings.controller';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config';
import { GetPlatformHealth } from './health/get-platform-health';
import { HealthController } from './health/health.controller';
import { AccountsController } from './identity/accounts.controller';
import { UnitsController } from './identity/units.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { PostalController } from './postal/postal.controller';
import { ReportsController } from './reports/reports.controller';
import { SignaturesController } from './signatures/signatures.controller';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, bus: NatsClientProxy): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [HealthController, PipelineProbeController, AuthConfigController, UnitsController, AccountsController, CalendarController, DossiersController, ApplicantsController, WorkQueuesController, TrackingController, RatingsController, CitizenDossiersController, TrackingBookController, ProceduresController, UnitAdoptionsController, ReportsController, FormsController, FileTransferController, DocumentsController, PostalController, NotificationsController, SignaturesController],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, { provide: NatsClientProxy, useValue: bus }, GetPlatformHealth],
    };
  }
}
