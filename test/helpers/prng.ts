/** The project's one seeded generator (src/prng.ts), where the test fixtures look for it. */
export { prng } from '../../src/prng.js';
