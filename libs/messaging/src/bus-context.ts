import { BaseRpcContext } from '@nestjs/microservices';
import { AppError } from '@mc/contracts';
import type { Principal } from '@mc/auth';

/** What a transport handler learns about the message besides its payload. */
export class BusContext extends BaseRpcContext<[Record<string, string>, string]> {
  constructor(
    headers: Record<string, string>,
    subject: string,
    readonly principal: Principal | null,
  ) {
    super([headers, subject]);
  }

  getHeaders(): Record<string, string> {
    return this.args[0];
  }

  getSubject(): string {
    return this.args[1];
  }

  requirePrincipal(): Principal {
    if (!this.principal) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.');
    return this.principal;
  }
}

/** Payload plus headers, for `NatsClientProxy.send`. */
export class BusRecord<T = unknown> {
  constructor(
    readonly data: T,
    readonly headers: Record<string, string | undefined> = {},
  ) {}
}
