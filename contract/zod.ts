/**
 * The contract's zod, configured once. zod 4 compiles a fast path for object schemas with `new Function`; the
 * renderer's CSP (`script-src 'self'`, no 'unsafe-eval') refuses that, and even zod's probe for it is reported as a
 * CSP violation. Every contract module imports `z` from here, so no schema is parsed before this has run — in the
 * renderer, the preload, the web bridge and Node alike. Parsing speed is not a concern at the contract's sizes.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
