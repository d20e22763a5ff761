/** 18 random bytes, base64: a fresh CSP nonce (Web Crypto, in the Node and the web worker hosts alike). */
export function previewNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}
