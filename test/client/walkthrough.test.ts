// The walkthrough's plain parts: it opens once per installation (and not at all when the user
// turned VS Code's openOnInstall off), and "fix its problems" is a document going from errors to none.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FirstStart, OPENED_KEY, type FlagStore } from '../../client/src/walkthrough/firstStart';
import { ProblemsFixed } from '../../client/src/walkthrough/problemsFixed';

function memento(): FlagStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return { values, get: <T>(k: string) => values.get(k) as T | undefined, update: async (k, v) => void values.set(k, v) };
}

describe('FirstStart', () => {
  it('opens on the first start only, also across windows that share the state', async () => {
    const state = memento();
    assert.equal(await new FirstStart(state).claim(true), true);
    assert.equal(state.values.get(OPENED_KEY), true);
    assert.equal(await new FirstStart(state).claim(true), false);
    assert.equal(await new FirstStart(state).claim(true), false);
  });

  it('with openOnInstall off it never opens by itself, and does not wait to open later', async () => {
    const state = memento();
    assert.equal(await new FirstStart(state).claim(false), false);
    assert.equal(await new FirstStart(state).claim(true), false);
  });
});

describe('ProblemsFixed', () => {
  it('fires when a document with errors has none, once per time it had some', () => {
    const fixed = new ProblemsFixed();
    assert.equal(fixed.observe('a', 0), false, 'clean from the start is no fix');
    assert.equal(fixed.observe('a', 2), false);
    assert.equal(fixed.observe('a', 1), false);
    assert.equal(fixed.observe('b', 0), false, 'another document');
    assert.equal(fixed.observe('a', 0), true);
    assert.equal(fixed.observe('a', 0), false);
    fixed.observe('c', 3);
    fixed.forget('c');
    assert.equal(fixed.observe('c', 0), false, 'closed in between');
  });
});
