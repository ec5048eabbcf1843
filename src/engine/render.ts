const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** A message template split at its placeholders: texts[i], then the value of names[i], ..., then the last text. */
interface CompiledTemplate {
  readonly texts: readonly string[];
  readonly names: readonly string[];
}

/** Templates are the rules' static messages, so each is split once per process rather than matched per finding. */
const compiled = new Map<string, CompiledTemplate>();

function compile(template: string): CompiledTemplate {
  const texts: string[] = [];
  const names: string[] = [];
  let from = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    texts.push(template.slice(from, match.index));
    names.push(match[1] ?? "");
    from = match.index + match[0].length;
  }
  texts.push(template.slice(from));
  return { texts, names };
}

function compiledTemplate(template: string): CompiledTemplate {
  let known = compiled.get(template);
  if (known === undefined) {
    known = compile(template);
    compiled.set(template, known);
  }
  return known;
}

/** Fills every {{placeholder}}; a placeholder without data is a rule bug and throws. */
export function renderMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  const { texts, names } = compiledTemplate(template);
  let message = texts[0] ?? "";
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const value = data[name];
    if (value === undefined) throw new Error(`placeholder {{${name}}} has no data`);
    message += String(value) + texts[i + 1];
  }
  return message;
}

export function placeholdersOf(template: string): string[] {
  return compiledTemplate(template).names.slice();
}
