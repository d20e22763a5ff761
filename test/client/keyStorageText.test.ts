// Where the key is kept, as the Set API Key messages and the status bar tooltip say it: from what
// VS Code reports (vscode.env.uiKind, appHost), on the desktop and in a browser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import './standIns';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('./fakeVscode') as typeof import('./fakeVscode');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { keyStorageText } = require('../../client/src/apiKey/keyStorageText') as typeof import('../../client/src/apiKey/keyStorageText');

describe('keyStorageText', () => {
  it('desktop VS Code: secret storage on this computer', () => {
    assert.match(keyStorageText({ uiKind: vscode.UIKind.Desktop, appHost: 'desktop' } as never), /secret storage on this computer/);
  });
  it('in a browser: kept by VS Code in this browser, naming the host, possibly only for the session', () => {
    const text = keyStorageText({ uiKind: vscode.UIKind.Web, appHost: 'github.dev' } as never);
    assert.match(text, /secret storage of VS Code in this browser \(github\.dev\)/);
    assert.match(text, /possibly only until the browser session ends/);
  });
  it('reads vscode.env by default', () => {
    assert.match(keyStorageText(), /on this computer/);
  });
});
