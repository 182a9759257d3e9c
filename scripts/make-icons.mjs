// Renders resources/icon.svg to the PNGs electron-builder packs: resources/icon.png (1024 px: it derives the macOS
// .icns and the Windows .ico from it) and resources/icons/<n>x<n>.png (the Linux set). Run after changing the SVG:
// `node scripts/make-icons.mjs` (needs Chromium: /usr/bin/chromium or CHROMIUM_PATH). The PNGs are committed.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.join(import.meta.dirname, '..');
const svg = readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  const render = async (size, file) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: file, omitBackground: true });
    console.log(`${path.relative(root, file)} (${size}×${size})`);
  };
  await mkdir(path.join(root, 'resources', 'icons'), { recursive: true });
  await render(1024, path.join(root, 'resources', 'icon.png'));
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) await render(size, path.join(root, 'resources', 'icons', `${size}x${size}.png`));
} finally {
  await browser.close();
}
