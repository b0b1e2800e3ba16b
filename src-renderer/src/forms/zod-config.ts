/**
 * zod compiles object parsers with `new Function` unless told not to; the page's
 * Content-Security-Policy forbids eval, and each refused attempt is logged as an error. Imported
 * before any schema is used (schemas.ts loads it with them).
 */
import { config } from 'zod';

config({ jitless: true });
