import type { DossierRow } from './dossier-row';

/** What the post needs to collect a dossier or deliver a result; the postal service works out the rest. */
export function postalRequest<T extends object>(row: DossierRow, base: T, address: string | null) {
  const applicant = row.applicant;
  return {
    ...base,
    applicant: { name: applicant.kind === 'individual' ? applicant.fullName : applicant.name, phone: applicant.phone ?? null },
    address,
  };
}
