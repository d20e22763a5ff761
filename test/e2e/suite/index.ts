// The end-to-end suites, by name. The code-server launcher asks the companion extension to run
// them by name, in its order; the desktop launcher (@vscode/test-electron) runs `api` alone.
import { apiSuite, cleanUpApiSuite } from './apiSuite';
import { firstHourSuite } from './firstHourSuite';
import type { TestCase } from './harness';
import { keySuite } from './keySuite';
import { cleanUpPatientTextSuite, patientTextSuite } from './patientTextSuite';
import { referencesSuite } from './referencesSuite';
import { cleanUpSectionTextSuite, sectionTextSuite } from './sectionTextSuite';
import { pointSubmissionsAt, webSuite } from './webSuite';

export interface SuiteRequest {
  /** `web`: the web pass's check that this is the web worker extension host. */
  suite: 'api' | 'key' | 'web' | 'baseUrl';
  /** `baseUrl`: the clinikapi.baseUrl user setting to point submissions at. */
  params?: { key?: string; baseUrl?: string };
}

export function suiteFor(request: SuiteRequest): { tests: TestCase[]; after?: () => Promise<void> } {
  switch (request.suite) {
    case 'api':
      // The first hour's and the section text checks run in the same window, after the API checks.
      return {
        tests: [...apiSuite, ...firstHourSuite, ...sectionTextSuite],
        after: async () => {
          // Section texts first: saving a side editor would change its JSON behind a save-all.
          await cleanUpSectionTextSuite();
          await cleanUpApiSuite();
        },
      };
    case 'key':
      // With the test key the journeys set: ids resolved against the emulator, and the text checked against them.
      return { tests: [...keySuite({ key: request.params?.key ?? '' }), ...referencesSuite, ...patientTextSuite], after: cleanUpPatientTextSuite };
    case 'web':
      return { tests: webSuite };
    case 'baseUrl':
      return { tests: [pointSubmissionsAt(request.params?.baseUrl ?? '')] };
  }
}
