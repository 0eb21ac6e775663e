/** Punctuation that closes a clause; a value ending in one, followed by one in the template, would show two. */
const CLOSING = /[.,;:!?…]+$/u;

/**
 * Fills `{{name}}` with the data; a field the data lacks is left empty rather
 * than shown as a placeholder. A value is written by a person (a reason, a
 * list of what is missing) and often ends with a full stop, while the
 * template puts its own punctuation after the field: the value's closing
 * punctuation gives way to the template's, so no message reads "giải quyết..".
 */
export const render = (text: string, data: Record<string, string>) =>
  text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}([.,;:!?…]?)/gu, (_match, name: string, after: string) => {
    const value = data[name] ?? '';
    return after ? `${value.trimEnd().replace(CLOSING, '')}${after}` : value;
  });
