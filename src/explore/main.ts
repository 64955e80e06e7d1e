/// <reference lib="dom" />
/**
 * The one script of explore.html: run in the page, it starts the page; run as the page's Web
 * Worker (the page starts it from this same text), it projects.
 */
import type { Lang } from '../report/charts/labels.js';
import { startPage } from './page.js';
import { startWorker } from './worker.js';
import type { ExploreData } from './session.js';

if (typeof document === 'undefined') {
  startWorker(self as unknown as Parameters<typeof startWorker>[0]);
} else {
  const data = JSON.parse(document.getElementById('explore-data')!.textContent!) as ExploreData;
  const bundle = document.getElementById('explore-bundle')!.textContent!;
  startPage(data, bundle, document.documentElement.lang === 'ms' ? 'ms' : 'en');
}
