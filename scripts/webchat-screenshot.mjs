// Drives the web chat in headless Chromium like a person on a phone: opens
// /chat/, writes a message, waits for the answer, and saves a screenshot.
//   node scripts/webchat-screenshot.mjs URL OUT.png [LANG]
import { chromium } from "playwright-core";

const [url, out, lang = "ar"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({
  viewport: { width: 390, height: 720 }, deviceScaleFactor: 2, locale: lang,
  extraHTTPHeaders: { "Accept-Language": lang },
});
await page.goto(url);
await page.fill("#text", process.env.MESSAGE || "مرحبا، كنت ممرضة في حلب");
await page.click("#send");
await page.waitForSelector(".msg.bot", { timeout: 15000 });
await page.screenshot({ path: out });
await browser.close();
console.log(`screenshot: ${out}`);
