// The listing's icon: a 256×256 PNG (what the Marketplace and Open VSX ask for), rendered from the
// SVG beside it by scripts/icon.mjs, so the two cannot drift apart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Width, height, bit depth and colour type from a PNG's IHDR chunk (which must come first). */
function pngHeader(png: Buffer): { width: number; height: number; bitDepth: number; colourType: number } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24]!, colourType: png[25]! };
}

describe('the icon', () => {
  it('the manifest names media/icon.png, a 256×256 PNG, and it is in the package', () => {
    assert.equal(pkg.icon, 'media/icon.png');
    const header = pngHeader(readFileSync(join(root, pkg.icon)));
    assert.equal(header.width, 256);
    assert.equal(header.height, 256);
    assert.equal(header.bitDepth, 8);
    assert.ok(header.colourType === 6 || header.colourType === 2, 'RGB(A)');
    assert.match(readFileSync(join(root, '.vscodeignore'), 'utf8'), /^!media\/icon\.png$/m);
  });

  it('is what media/icon.svg renders to', async () => {
    const { renderIcon, ICON_PNG } = await import('../../scripts/icon.mjs' as string);
    const rendered: Buffer = await renderIcon();
    assert.deepEqual(pngHeader(rendered), pngHeader(readFileSync(ICON_PNG)));
    assert.ok(rendered.equals(readFileSync(ICON_PNG)), 'media/icon.png is stale: run node scripts/icon.mjs');
  });

  it('the size check catches a wrong size (self-test)', () => {
    const wrong = Buffer.from(readFileSync(join(root, pkg.icon)));
    wrong.writeUInt32BE(128, 16);
    assert.equal(pngHeader(wrong).width, 128);
  });
});
