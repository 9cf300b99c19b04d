// Prints "<passed> <failed>" from a vitest or Playwright JSON report.
import { readFileSync } from 'node:fs';
const r = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if ('numPassedTests' in r) console.log(`${r.numPassedTests} ${r.numFailedTests}`);
else {
  const s = r.stats ?? {};
  console.log(`${(s.expected ?? 0) + (s.flaky ?? 0)} ${s.unexpected ?? 0}`);
}
