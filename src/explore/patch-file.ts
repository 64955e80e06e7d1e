/**
 * "Copy as scenario": the page's settings as a scenario file that `extends` the loaded one, each
 * value it sets marked as a what-if of the page (docs/scenario-format.md, "Where a value comes
 * from"), so that `coverage-sim run` on it gives the numbers the page showed.
 */
import { stringify } from 'yaml';
import { isMoved, patchOf } from './controls.js';
import type { Control, Setting, Settings } from './controls.js';
import type { ExploreData } from './session.js';

/** A control's value as its slider shows it (percent with two decimals, money grouped). */
export function shownValue(c: Control, value: number): string {
  if (c.unit === 'percent') return `${(100 * value).toFixed(2)}%`;
  if (c.unit === 'money') return Math.round(value).toLocaleString('en-MY');
  return String(Number(value.toPrecision(6)));
}

function settingText(c: Control, s: Setting): string {
  const year = c.year && s.year !== undefined ? ` in ${s.year}` : '';
  const was = c.year ? `${shownValue(c, c.value)} in ${c.year.value}` : shownValue(c, c.value);
  return `${c.label.en}: ${shownValue(c, s.value)}${year} (as loaded: ${was})`;
}

export function patchFileName(data: ExploreData): string {
  return `${data.scenarioId}-what-if.yaml`;
}

/** The file is in English, as scenario files are (the page's language does not change it). */
export function patchYaml(data: ExploreData, settings: Settings): string {
  const moved = data.controls.filter((c) => isMoved(c, settings[c.id]));
  const lines = moved.map((c) => settingText(c, settings[c.id]));
  const patch = patchOf(data.merged, data.controls, settings, data.startYear, (series, c) => ({
    value: series,
    assumption: `What-if set on the explore page: ${settingText(c, settings[c.id])}`.slice(0, 500),
  }));
  const file = {
    scenario: {
      id: `${data.scenarioId}-what-if`,
      title: `${data.title} — what if`.slice(0, 200),
      extends: data.fileName,
      description: `Settings of the explore page of ${data.fileName}. ${lines.length === 0 ? 'No value differs from it.' : `It differs in: ${lines.join('; ')}.`}`,
    },
    ...patch,
  };
  const header = [
    `# ${patchFileName(data)}: a what-if of ${data.fileName}, written by its explore page.`,
    `# Save it in the folder of ${data.fileName}, then: coverage-sim run ${patchFileName(data)}`,
  ];
  return `${header.join('\n')}\n${stringify(file, { lineWidth: 0 })}`;
}
