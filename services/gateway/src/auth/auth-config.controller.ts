import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

@ApiTags('Xác thực (auth)')
@Controller('api/v1/auth')
export class AuthConfigController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get('config')
  @ApiOperation({ summary: 'Địa chỉ máy chủ xác thực và mã ứng dụng công khai, để ứng dụng khách không cần cấu hình gì khác' })
  authConfig() {
    return {
      issuer: this.config.OIDC_ISSUER,
      discoveryUrl: `${this.config.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: this.config.OIDC_PUBLIC_CLIENT_ID,
      audience: this.config.OIDC_AUDIENCE,
    };
  }
}
