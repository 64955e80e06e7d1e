#!/usr/bin/env node
// Entry point of the `coverage-sim` command; the code is compiled to dist/ by `npm ci` (prepare).
import { main } from '../dist/cli/main.js';

// Output piped into a command that stops reading (`| head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
