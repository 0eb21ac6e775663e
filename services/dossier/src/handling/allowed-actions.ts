import { AppError, DOSSIER_ACTIONS, type DossierAction } from '@mc/contracts';
import type { Principal } from '@mc/auth/rules';
import type { DossierRow } from '../dossiers/dossier-row';
import { authorise } from './workflow';

/**
 * The actions this caller may take on the dossier as it stands, by the same
 * state, step and actor checks that acting runs (authorise()), so a screen
 * offers exactly what the transition table allows instead of copying it. The
 * checks that depend on the moment or the request (a due instant passed, the
 * extension ceiling, a reason) still answer when the action is taken.
 */
export function allowedActions(row: DossierRow, principal: Principal): DossierAction[] {
  return DOSSIER_ACTIONS.filter((action) => {
    try {
      authorise(row, action, principal);
      return true;
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  });
}
