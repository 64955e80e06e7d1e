/** vitest setup file (vitest.config.ts): after each test file, remove the temporary folders it made. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);
