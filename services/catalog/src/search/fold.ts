/**
 * Folds Vietnamese text the way people type it without a Vietnamese keyboard:
 * no tone or vowel marks, đ as d, lower case. "Đăng ký khai sinh" → "dang ky khai sinh".
 */
export function foldText(text: string): string {
  // NFD splits "ế" into e + circumflex + acute; đ has no decomposition, so it is mapped by hand.
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/đ/g, 'd');
}

/** Words of folded text; punctuation and spaces separate them. */
export function tokenize(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}
