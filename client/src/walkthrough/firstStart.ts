/** The walkthrough, as VS Code names it: `<publisher>.<name>#<id>` (package.json `contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'clinikapi.clinikdoc#firstHour';

/** The one boolean kept for it in globalState: the walkthrough was opened once. */
export const OPENED_KEY = 'clinikapi.walkthrough.opened';

/** What of VS Code's Memento this needs (globalState). */
export interface FlagStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/**
 * Whether to open the walkthrough now: true once per installation, the first time ClinikDoc
 * starts, and never again (Help: Get Started opens it when asked). VS Code opens a walkthrough
 * by itself only for an extension installed while its window runs (not one installed with
 * `code --install-extension` before), hence this; `openOnInstall` is the user's
 * `workbench.welcomePage.walkthroughs.openOnInstall`: off, nothing opens by itself.
 */
export class FirstStart {
  constructor(private readonly store: FlagStore) {}

  async claim(openOnInstall: boolean): Promise<boolean> {
    if (this.store.get<boolean>(OPENED_KEY) === true) return false;
    // Marked before opening: a window that is closed meanwhile does not open it a second time.
    await this.store.update(OPENED_KEY, true);
    return openOnInstall;
  }
}
