/** Where the project's own files are, whatever the working directory. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The package root: `src/` or `dist/` sits directly below it. */
export const PROJECT_ROOT = resolve(here, '..');
