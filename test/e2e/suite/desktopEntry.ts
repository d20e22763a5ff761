// The entry @vscode/test-electron loads in desktop VS Code (`npm run test:desktop`): the same
// API suite the code-server launcher runs through the companion extension.
import { runTests, summaryLine } from './harness';
import { suiteFor } from './index';

export async function run(): Promise<void> {
  const { tests, after } = suiteFor({ suite: 'api' });
  const results = await runTests(tests, (r) => {
    console.log(`${r.ok ? '✔' : '✖'} api: ${r.name} (${r.ms} ms)`);
    if (!r.ok && r.error) console.log(r.error.replace(/^/gm, '    '));
  });
  await after?.();
  const line = summaryLine(results);
  console.log(line);
  if (results.some((r) => !r.ok)) throw new Error(line);
}
