// Renders the app icon (public/icons/icon.svg) into the PNG sizes the PWA manifest lists.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "@boon/scripts/browser";

const icons = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public/icons");
const svg = await readFile(path.join(icons, "icon.svg"), "utf8");
const { browser, close } = await launchBrowser();
try {
  const page = await browser.newPage();
  const render = async (file: string, size: number, padding: number) => {
    await page.setViewportSize({ width: size, height: size });
    const inner = size - 2 * padding;
    await page.setContent(
      `<body style="margin:0;background:#4a2fbf;display:grid;place-items:center;width:${size}px;height:${size}px">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    );
    await page.screenshot({ path: path.join(icons, file), omitBackground: padding === 0 });
    console.log(`wrote ${file}`);
  };
  await render("icon-192.png", 192, 0);
  await render("icon-512.png", 512, 0);
  // Maskable icons keep their content inside the central 80% safe zone.
  await render("icon-maskable-512.png", 512, 52);
} finally {
  await close();
}
