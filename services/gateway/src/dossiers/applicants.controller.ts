import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DossierSubjects, type ReturningApplicant } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { Requires } from '../http/route-access';

@ApiTags('Hồ sơ (dossiers)')
@ApiBearerAuth()
@Controller('api/v1/applicants')
export class ApplicantsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get(':idNumber')
  @Requires(['dossier.receive'], 'Chỉ cán bộ tiếp nhận được tra thông tin người nộp đã đến trước đây.')
  @ApiOperation({ summary: 'Thông tin người nộp lần gần nhất đơn vị tiếp nhận (theo số định danh), để điền sẵn ở quầy; 404 nếu chưa có' })
  returning(@Param('idNumber') idNumber: string, @CallerHeaders() headers: CallerHeaders): Promise<ReturningApplicant> {
    return this.bus.request(DossierSubjects.returningApplicant, { idNumber }, headers);
  }
}
