/**
 * The walkthrough's "fix its problems" step, as an event: a ClinikDoc document that had errors
 * has none. Told the error count of each document as it changes; plain, so it is tested in node.
 */
export class ProblemsFixed {
  private readonly hadErrors = new Set<string>();

  /** True when `uri` had errors before and has none now. */
  observe(uri: string, errors: number): boolean {
    if (errors > 0) {
      this.hadErrors.add(uri);
      return false;
    }
    return this.hadErrors.delete(uri);
  }

  /** A closed document is forgotten. */
  forget(uri: string): void {
    this.hadErrors.delete(uri);
  }
}
