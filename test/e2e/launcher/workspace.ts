// The sample workspace, copied fresh for every run so edits never reach test/fixtures/.
import { cpSync, rmSync } from 'node:fs';
import { sampleWorkspace } from './paths.js';

export function prepareWorkspace(target: string): string {
  rmSync(target, { recursive: true, force: true });
  cpSync(sampleWorkspace, target, { recursive: true });
  return target;
}
