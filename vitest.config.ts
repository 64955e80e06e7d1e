import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Removes the temporary folders each test file made, after it (test/helpers/temp.ts).
    setupFiles: ['test/helpers/remove-temp-dirs.ts'],
  },
});
