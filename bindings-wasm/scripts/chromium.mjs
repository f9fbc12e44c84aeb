// Debian's Chromium under playwright-core, as the browser tests and the benchmark run it:
// headless, no sandbox (CI runs as root), no background networking, a fresh profile.
// (`npx playwright install` is not used: the browser is the system's /usr/bin/chromium.)

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Containers often have a tiny /dev/shm; Chromium then crashes without this.
  "--disable-dev-shm-usage",
];

/** Launches Chromium with a fresh profile; `dispose()` closes it and removes the profile. */
export async function launchChromium(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "sociale-bril-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return {
    context,
    async dispose() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
