import { closeSync, openSync, readSync } from 'node:fs';

/** Grown to the largest file read so far, and reused for every file of a run (per thread). */
let buffer = Buffer.allocUnsafe(256 * 1024);

/**
 * A file's text (UTF-8, a byte order mark kept, as `readFile(path, 'utf8')` gives it), read
 * synchronously into one reused buffer: open, read, close — no stat, no thread-pool round trips,
 * no buffer per file. A read shorter than asked is the end of a regular file (what the glob
 * matches, never a pipe); a file that fills the buffer is read on after it has grown.
 */
export function readText(path: string): string {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const wanted = buffer.length - length;
      const read = readSync(fd, buffer, length, wanted, null);
      length += read;
      if (read < wanted) break;
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
