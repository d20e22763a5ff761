// The extension's icon: media/icon.png, 256×256, rendered from media/icon.svg (resvg, from npm).
//   node scripts/icon.mjs           writes media/icon.png
//   node scripts/icon.mjs --check   fails if media/icon.png is not what the SVG renders to
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SVG = join(root, 'media/icon.svg');
export const ICON_PNG = join(root, 'media/icon.png');
export const ICON_SIZE = 256;

/** The PNG bytes of media/icon.svg at 256×256. */
export async function renderIcon() {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(readFileSync(ICON_SVG, 'utf8'), { fitTo: { mode: 'width', value: ICON_SIZE }, font: { loadSystemFonts: false } });
  return Buffer.from(resvg.render().asPng());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const png = await renderIcon();
  if (process.argv.includes('--check')) {
    if (!png.equals(readFileSync(ICON_PNG))) {
      console.error('media/icon.png is not what media/icon.svg renders to: run node scripts/icon.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(ICON_PNG, png);
    console.log(`wrote ${ICON_PNG} (${ICON_SIZE}×${ICON_SIZE}, ${png.length} bytes)`);
  }
}
