/**
 * Files a hostile folder may hold in place of a regular file, for the tests of the commands that
 * read folders made by someone else (verify, merge).
 */
import { execFileSync, spawn } from 'node:child_process';

/**
 * A FIFO at `path`. Code that opens it for reading without O_NONBLOCK would wait for a writer
 * for ever (and, being synchronous, no test timeout could stop it): a writer comes after
 * `seconds` and writes one byte, so that such code goes on, reads "x", and fails the test
 * instead of hanging the run. `release` removes the writer once the test is done.
 */
export function fifo(path: string, seconds = 3): { release(): void } {
  execFileSync('mkfifo', [path]);
  const writer = spawn('sh', ['-c', `sleep ${seconds}; printf x > "$1"`, 'sh', path], { stdio: 'ignore' });
  return { release: () => writer.kill('SIGKILL') };
}
