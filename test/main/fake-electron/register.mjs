// `node --import tsx --import ./register.mjs main.ts`: run Electron main code against the fake electron module.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
