// The end-to-end suites, by name. The code-server launcher asks the companion extension to run
// them by name, in its order; the desktop launcher (@vscode/test-electron) runs `api` alone.
import { apiSuite, cleanUpApiSuite } from './apiSuite';
import type { TestCase } from './harness';
import { keySuite } from './keySuite';

export interface SuiteRequest {
  suite: 'api' | 'key';
  params?: { key?: string };
}

export function suiteFor(request: SuiteRequest): { tests: TestCase[]; after?: () => Promise<void> } {
  switch (request.suite) {
    case 'api':
      return { tests: apiSuite, after: cleanUpApiSuite };
    case 'key':
      return { tests: keySuite({ key: request.params?.key ?? '' }) };
  }
}
