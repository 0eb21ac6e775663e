import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import { AuditTrail } from '../audit/audit-trail';
import type { IdentityConfig } from '../identity.config';

/** Who tried to sign in, from where and through which door; never the secret. */
export interface SignInAttempt {
  /** The username as typed (normalised), or a machine client's id: known or not, it is counted the same. */
  subject: string;
  kind: 'person' | 'client';
  clientId: string;
  address: string;
  via: 'token' | 'form';
}

const tooManyFailures = (seconds: number) =>
  new AppError(
    'RATE_LIMITED',
    `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${seconds} giây${seconds >= 120 ? ` (khoảng ${Math.round(seconds / 60)} phút)` : ''}.`,
    { retryAfterSeconds: seconds },
  );

/**
 * Growing waits after wrong passwords, per username and per client address:
 * past the free failures each further one doubles the wait, up to a cap. A
 * waiting subject is refused before its password is checked. There is no lock:
 * once the wait is over the owner signs in, and a success clears the
 * username's count. The address's count only fades, so that one good account
 * cannot wipe the trail of guesses made at others from the same address.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async assertMayTry(attempt: SignInAttempt): Promise<void> {
    const rows: { wait: number | null }[] = await this.dataSource.query(
      'SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS wait FROM sign_in_failures WHERE key = ANY($1) AND blocked_until > now()',
      [this.keys(attempt)],
    );
    const wait = rows[0]?.wait ?? 0;
    if (wait > 0) {
      await this.record(attempt, 'throttled');
      throw tooManyFailures(wait);
    }
  }

  async failed(attempt: SignInAttempt): Promise<void> {
    const memory = this.config.SIGN_IN_FAILURE_MEMORY_SECONDS;
    const counted: { key: string; failures: number }[] = await this.dataSource.query(
      `INSERT INTO sign_in_failures AS f (key, failures, last_failed_at)
       SELECT unnest($1::text[]), 1, now()
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.last_failed_at < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
         last_failed_at = now()
       RETURNING key, failures`,
      [this.keys(attempt), memory],
    );
    const waits = counted.map(({ key, failures }) => ({ key, seconds: this.waitAfter(key, failures) })).filter(({ seconds }) => seconds > 0);
    if (waits.length) {
      await this.dataSource.query(
        `UPDATE sign_in_failures f SET blocked_until = now() + make_interval(secs => w.seconds)
         FROM unnest($1::text[], $2::int[]) AS w(key, seconds) WHERE f.key = w.key`,
        [waits.map((wait) => wait.key), waits.map((wait) => wait.seconds)],
      );
    }
    // Usernames typed once and never again would pile up; a few old rows go with each new failure.
    await this.dataSource.query(
      `DELETE FROM sign_in_failures WHERE key IN (
         SELECT key FROM sign_in_failures WHERE last_failed_at < now() - make_interval(secs => $1) LIMIT 100)`,
      [memory],
    );
    await this.record(attempt, 'wrong_credentials');
  }

  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_failures WHERE key = $1', [this.keys(attempt)[0]]);
  }

  private keys(attempt: SignInAttempt): string[] {
    return [`${attempt.kind === 'person' ? 'account' : 'client'}:${attempt.subject}`, `address:${attempt.address}`];
  }

  private waitAfter(key: string, failures: number): number {
    const free = key.startsWith('address:') ? this.config.SIGN_IN_FREE_FAILURES_PER_ADDRESS : this.config.SIGN_IN_FREE_FAILURES_PER_ACCOUNT;
    if (failures < free) return 0;
    return Math.min(2 ** Math.min(failures - free, 30), this.config.SIGN_IN_MAX_DELAY_SECONDS);
  }

  private record(attempt: SignInAttempt, reason: 'wrong_credentials' | 'throttled'): Promise<void> {
    return this.audit.record(this.dataSource.manager, {
      actor: attempt.subject,
      action: 'sign_in.failed',
      targetType: 'sign_in',
      targetId: attempt.subject,
      after: { clientId: attempt.clientId, address: attempt.address, via: attempt.via, reason },
    });
  }
}
