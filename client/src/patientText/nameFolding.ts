/**
 * Names compared the way people write them: without case, diacritics or apostrophes, and split at
 * spaces and hyphens, so "O’Brien" is "obrien", "García-López" is "garcia" and "lopez", and
 * "MÜLLER" is "muller". Plain string work: no `vscode`, no Node built-ins (it runs in a web worker).
 */

/** Name particles that say nothing about which family a name is ("van der Berg", "de la Cruz"). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'ap', 'st']);

/** Lower case without diacritics, apostrophes or dots. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´.]/g, '');
}

/**
 * The parts of a name that can tell two people apart: folded, split at spaces and hyphens, without
 * particles and initials. "Mary-Anne van der Berg" → ["mary", "anne", "berg"].
 */
export function nameParts(name: string): string[] {
  return foldName(name)
    .split(/[\s\-‐‑–—]+/)
    .filter((part) => part.length > 1 && !PARTICLES.has(part));
}

/** The whole name folded with its spaces and hyphens gone: "Mc Donald" and "McDonald" are "mcdonald". */
export function joinedName(name: string): string {
  return foldName(name).replace(/[\s\-‐‑–—]+/g, '');
}

export function isParticle(word: string): boolean {
  return PARTICLES.has(word.toLowerCase());
}
