const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Fills every {{placeholder}}; a placeholder without data is a rule bug and throws. */
export function renderMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`placeholder {{${name}}} has no data`);
    return String(value);
  });
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
}
