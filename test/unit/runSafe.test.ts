import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver';
import { runSafe } from '../../server/src/common/runSafe';

describe('runSafe', () => {
  it('answers a failure with the fallback and logs where it failed, never the message (it can quote PHI)', () => {
    const logs: string[] = [];
    const result = runSafe((m) => logs.push(m), 'hover', undefined, null, () => JSON.parse('{"title": "Jane Doe, HIV+" oops}') as unknown);
    assert.equal(result, null);
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, /^hover failed: SyntaxError\n\s+at /);
    assert.ok(!logs[0]!.includes('Jane Doe'), logs[0]);
  });

  it('answers a cancelled request as cancelled, without running it', () => {
    let ran = false;
    const token = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) };
    const result = runSafe(() => undefined, 'completion', token, [], () => { ran = true; return [1]; });
    assert.ok(result instanceof ResponseError);
    assert.equal(ran, false);
  });

  it('returns the handler result otherwise', () => {
    assert.deepEqual(runSafe(() => undefined, 'symbols', undefined, [], () => [1, 2]), [1, 2]);
  });
});
