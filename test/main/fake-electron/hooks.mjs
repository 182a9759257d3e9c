// Module hooks: `import … from 'electron'` loads the fake beside this file. Resolved through the rest of the chain,
// so tsx (registered before) compiles it like any other .ts file.
const fake = new URL('./electron.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  return next(specifier === 'electron' ? fake : specifier, context);
}
