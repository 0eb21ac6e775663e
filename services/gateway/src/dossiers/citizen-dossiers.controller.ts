import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DossierSubjects, type CitizenDossierView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';

/** The signed-in citizen's own dossiers (the portal's "hồ sơ của tôi"); the dossier service decides which are theirs. */
@ApiTags('Công dân (citizen)')
@ApiBearerAuth()
@Controller('api/v1/citizen')
export class CitizenDossiersController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get('dossiers')
  @ApiOperation({ summary: 'Hồ sơ của tôi: các hồ sơ nộp cho số định danh đã xác thực của tài khoản, mới nhất trước' })
  list(@CallerHeaders() headers: CallerHeaders): Promise<CitizenDossierView[]> {
    return this.bus.request(DossierSubjects.listMine, {}, headers);
  }
}
