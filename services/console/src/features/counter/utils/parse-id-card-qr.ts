/** What the chip ID card's QR code holds, as a handheld scanner types it. */
export interface IdCardQr {
  idNumber: string;
  formerIdNumber: string;
  fullName: string;
  /** yyyy-mm-dd */
  birthDate: string;
  sex: string;
  address: string;
  /** yyyy-mm-dd */
  issuedOn: string;
}

const isoFromDdmmyyyy = (value: string) => (/^\d{8}$/.test(value) ? `${value.slice(4)}-${value.slice(2, 4)}-${value.slice(0, 2)}` : '');

/** `ID|former ID|full name|ddmmyyyy|sex|address|ddmmyyyy issue date`; null when the text is not such a code. */
export function parseIdCardQr(text: string): IdCardQr | null {
  const parts = text.trim().split('|');
  if (parts.length < 7 || !/^\d{12}$/.test(parts[0])) return null;
  const [idNumber, formerIdNumber, fullName, birth, sex, address, issued] = parts;
  return { idNumber, formerIdNumber, fullName: fullName.trim(), birthDate: isoFromDdmmyyyy(birth), sex, address: address.trim(), issuedOn: isoFromDdmmyyyy(issued) };
}
