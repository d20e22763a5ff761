import * as vscode from 'vscode';
import { apiKeyKind, type ApiKeyKind } from '../api/apiKey';

const SECRET_NAME = 'clinikapi.apiKey';

/** The API key, kept only in VS Code's SecretStorage (shared by every window). */
export class KeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(): Thenable<string | undefined> {
    return this.secrets.get(SECRET_NAME);
  }

  async kind(): Promise<ApiKeyKind | undefined> {
    return apiKeyKind(await this.get());
  }

  set(key: string): Thenable<void> {
    return this.secrets.store(SECRET_NAME, key);
  }

  clear(): Thenable<void> {
    return this.secrets.delete(SECRET_NAME);
  }

  /** Fires when the key changes here or in another window. */
  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key === SECRET_NAME) listener();
    });
  }
}
