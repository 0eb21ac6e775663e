/** Fills `{{name}}` with the data; a field the data lacks is left empty rather than shown as a placeholder. */
export const render = (text: string, data: Record<string, string>) => text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_match, name: string) => data[name] ?? '');
