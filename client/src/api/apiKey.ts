/** The two kinds of ClinikAPI key: sandbox (`clk_test_…`) and production (`clk_live_…`). */
export type ApiKeyKind = 'test' | 'live';

const KEY_SHAPE = /^clk_(test|live)_[A-Za-z0-9_-]+$/;

/** The kind of a well-formed key, or `undefined` for anything ClinikAPI would reject by shape. */
export function apiKeyKind(key: string | undefined): ApiKeyKind | undefined {
  if (key === undefined) return undefined;
  const m = KEY_SHAPE.exec(key);
  return m ? (m[1] as ApiKeyKind) : undefined;
}

/** Why a typed key is not accepted, in the user's words; `undefined` when it is fine. */
export function apiKeyProblem(key: string): string | undefined {
  const trimmed = key.trim();
  if (trimmed.length === 0) return 'Enter a key.';
  if (!trimmed.startsWith('clk_test_') && !trimmed.startsWith('clk_live_')) {
    return 'ClinikAPI keys start with clk_test_ (sandbox) or clk_live_ (production).';
  }
  if (!KEY_SHAPE.test(trimmed)) return 'A key has only letters, digits, _ and - after its prefix.';
  return undefined;
}

/**
 * Removes every occurrence of the given secrets from a text shown or logged by us: a last line of
 * defence should a server (or an error from the network stack) ever echo the key.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out;
}
