import { Injectable } from '@nestjs/common';
import {
  AppError,
  CatalogSubjects,
  DossierSubjects,
  IdentitySubjects,
  type AccountView,
  type ControlSlipLine,
  type DossierView,
  type HistoryEntryView,
  type ProcedureVersionView,
  type TrackingBook,
  type TrackingTokenView,
  type UnitView,
} from '@mc/contracts';
import { NatsClientProxy, RemoteError } from '@mc/messaging';

type Headers = Record<string, string | undefined>;

/**
 * What the forms print, asked of the services that own it with the caller's
 * token: the dossier service decides who may read a dossier (another
 * commune's clerk gets NOT_FOUND), identity names the units and the staff.
 */
@Injectable()
export class FormSources {
  constructor(private readonly bus: NatsClientProxy) {}

  dossier(code: string, headers: Headers): Promise<DossierView> {
    return this.bus.request(DossierSubjects.get, { code }, headers);
  }

  history(code: string, headers: Headers): Promise<HistoryEntryView[]> {
    return this.bus.request(DossierSubjects.history, { code }, headers);
  }

  controlSlip(code: string, headers: Headers): Promise<{ code: string; title: string; lines: ControlSlipLine[] }> {
    return this.bus.request(DossierSubjects.controlSlip, { code }, headers);
  }

  trackingBook(unitCode: string, from: string, to: string, headers: Headers): Promise<TrackingBook> {
    // 500 lines is the dossier service's page limit; a longer period is printed in several books.
    return this.bus.request(DossierSubjects.trackingBook, { unitCode, from, to, limit: 500 }, headers);
  }

  /** The token is the citizen's credential for tracking: checked as the public tracking page checks it, so no QR code carries a wrong one. */
  async checkTrackingToken(code: string, token: string): Promise<void> {
    await this.bus.request(DossierSubjects.track, { code, token }, {});
  }

  /** For a reprint: the dossier service gives the token only to those who may receive at the dossier's unit (or its owner). */
  async trackingToken(code: string, headers: Headers): Promise<string> {
    return (await this.bus.request<TrackingTokenView>(DossierSubjects.trackingTokenForReprint, { code }, headers)).token;
  }

  unit(code: string, headers: Headers): Promise<UnitView & { children: UnitView[] }> {
    return this.bus.request(IdentitySubjects.unitGet, { code }, headers);
  }

  /** The staff member's full name for a signature block; the username when the caller may not read that account. */
  async staffName(actor: { subject: string; username: string }, headers: Headers): Promise<string> {
    try {
      return (await this.bus.request<AccountView>(IdentitySubjects.accountGet, { accountId: actor.subject }, headers)).fullName;
    } catch (error) {
      // The identity service's refusal arrives as a RemoteError: a citizen who filed online has no staff account a clerk may read.
      if ((error instanceof AppError || error instanceof RemoteError) && ['NOT_FOUND', 'FORBIDDEN', 'VALIDATION_FAILED'].includes(error.code)) return actor.username;
      throw error;
    }
  }

  procedureVersion(code: string, version: number, headers: Headers): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.getVersion, { code, version }, headers);
  }
}
