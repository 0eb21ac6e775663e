import type { Content } from 'pdfmake/interfaces';
import type { Applicant } from '@mc/contracts';
import { field } from './layout';

export const applicantName = (applicant: Applicant) => (applicant.kind === 'individual' ? applicant.fullName : applicant.name);

/**
 * The applicant as the official forms address them: name, address, phone and
 * e-mail. The ID number is left off: the forms do not ask for it, and a paper
 * handed over the counter should carry no more personal data than they do.
 */
export function applicantFields(applicant: Applicant, label: string): Content[] {
  const lines: Content[] = [field(label, applicantName(applicant), { bold: true })];
  if (applicant.address) lines.push(field('Địa chỉ', applicant.address));
  const contact = [applicant.phone && `Số điện thoại: ${applicant.phone}`, applicant.email && `Thư điện tử: ${applicant.email}`].filter(Boolean);
  if (contact.length) lines.push({ text: contact.join('          '), margin: [0, 0, 0, 3] });
  return lines;
}
