/** Module resolution hook of ./register.mjs: `better-sqlite3` → ./sqlite.mjs (which loads the real one with require). */
import { URL } from 'node:url';

const wrapper = new URL('./sqlite.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'better-sqlite3' && context.parentURL !== wrapper) return { url: wrapper, shortCircuit: true };
  return next(specifier, context);
}
