import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdentitySubjects } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { Public, Requires } from '../http/route-access';

@ApiTags('Xác thực (auth)')
@Controller('api/v1/auth')
export class AuthConfigController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly bus: NatsClientProxy,
  ) {}

  @Get('config')
  @Public()
  @ApiOperation({ summary: 'Địa chỉ máy chủ xác thực và mã ứng dụng công khai, để ứng dụng khách không cần cấu hình gì khác' })
  authConfig() {
    return {
      issuer: this.config.OIDC_ISSUER,
      discoveryUrl: `${this.config.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: this.config.OIDC_PUBLIC_CLIENT_ID,
      audience: this.config.OIDC_AUDIENCE,
    };
  }

  @Post('signing-keys/rotate')
  @HttpCode(200)
  @Requires(['signing-key.rotate'], 'Chỉ quản trị viên cấp tỉnh được thay khóa ký.')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Thay khóa ký mã đăng nhập (khóa cũ vẫn được công bố tới khi mọi mã nó ký hết hạn)' })
  rotateSigningKey(@CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.signingKeyRotate, {}, headers);
  }
}
