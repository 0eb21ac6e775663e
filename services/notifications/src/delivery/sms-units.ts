// The GSM 03.38 basic character set: a text wholly in it is sent 7-bit, anything else as UCS-2.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/**
 * How many SMS a text is billed as: 160 characters in one (153 per part when
 * concatenated) for the GSM alphabet, 70 (67) for Unicode, which every text
 * with Vietnamese diacritics is.
 */
export function smsSegments(text: string): number {
  const characters = [...text];
  const gsm = characters.every((character) => GSM_BASIC.has(character));
  const [single, part] = gsm ? [160, 153] : [70, 67];
  return characters.length <= single ? 1 : Math.ceil(characters.length / part);
}
