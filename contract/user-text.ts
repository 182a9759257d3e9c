/**
 * Text the engine says to a person (an error, a progress line, a warning, a reason), written as a template so the
 * UI can say it in the user's language. `userText('Corpus {name} was not found', { name })` returns the filled-in
 * English — what the CLI prints, the logs keep and run.json records, exactly as before — and the template itself is
 * the key of the UI's engine catalogue (renderer/src/i18n/zh-CN/engine/). The UI recognises the English by matching it
 * against the catalogue's templates (renderer/src/i18n/engine-text.ts), so nothing changes on the wire, text
 * recorded by an older version is translated too, and a path the web host redacted still matches.
 *
 * Rules, checked by test/renderer/i18n/engine-coverage.test.ts: the template is a string literal, a whole sentence
 * (or a whole short phrase), with at least one word outside its `{placeholders}`; a parameter that is itself text
 * for people is another `userText`, which the UI translates in turn. Numbers are passed already formatted as the
 * English should show them.
 */
export type UserTextParams = Record<string, string | number | bigint>;

export function userText(template: string, params: UserTextParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
