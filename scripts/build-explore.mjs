// Bundles the explore page's script (src/explore/main.ts and the engine it runs) into
// dist/explore/explore.js, one self-contained file that `coverage-sim explore` writes into
// explore.html. Run by `npm run build`; the bundle is built from src/, never a second copy.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Node loader of mathjs (require) is replaced by the browser's (an import). */
const browserMathjs = {
  name: 'browser-mathjs',
  setup(b) {
    b.onResolve({ filter: /\/mathjs-module\.js$/ }, (args) =>
      args.importer.includes(`${'src'}/assumptions`) ? { path: resolve(root, 'src/explore/mathjs-module.ts') } : undefined,
    );
  },
};

await build({
  entryPoints: [resolve(root, 'src/explore/main.ts')],
  outfile: resolve(root, 'dist/explore/explore.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  plugins: [browserMathjs],
});
