import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns every error into "Internal server error",
 * losing its code. For bus messages this one hands the error back unchanged so
 * the transport can put code, message and details into the reply envelope;
 * HTTP errors (the identity service's issuer endpoints) keep Nest's handling.
 */
@Catch()
export class BusExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
