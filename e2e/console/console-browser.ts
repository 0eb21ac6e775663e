import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page, type ViewportSize } from 'playwright-core';
import { repoRoot } from '@mc/local-infra';
import { DEMO_PASSWORD } from '../support';

export const CONSOLE_DIR = path.join(repoRoot(), 'services/console/dist');
const SCREENSHOTS = path.join(repoRoot(), 'docs/screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The console bundle the gateway serves, built once when missing. */
export function ensureConsoleBuilt(): void {
  if (!existsSync(path.join(CONSOLE_DIR, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', 'services/console'], { cwd: repoRoot(), stdio: 'ignore' });
  }
}

/** Debian's Chromium; Playwright gives it a new empty profile directory of its own. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** A screenshot for docs/screenshots, only when CONSOLE_SCREENSHOTS=1 asks: a test run does not rewrite the committed images. */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  if (process.env.CONSOLE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Presses Tab until the element (or something inside it) has the focus: the keyboard is all a counter clerk needs. */
export async function tabTo(page: Page, selector: string, presses = 60): Promise<void> {
  for (let press = 0; press < presses; press++) {
    if (await page.locator(selector).evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Holds the page's requests to `url` until the answer is called: a test sees
 * what the screen shows while the API has not answered yet.
 */
export async function holdRequests(page: Page, url: string): Promise<() => Promise<void>> {
  let open!: () => void;
  let sent!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const passed = new Promise<void>((resolve) => (sent = resolve));
  await page.route(url, async (route) => {
    await opened;
    await route.continue();
    sent();
  });
  return async () => {
    open();
    // Unrouting while the held request is still in the handler would settle it twice.
    await passed;
    await page.unroute(url);
  };
}

/** A counter PC's window. */
export const DESKTOP: ViewportSize = { width: 1366, height: 768 };
/** A tablet held landscape and portrait. */
export const TABLET_LANDSCAPE: ViewportSize = { width: 1024, height: 768 };
export const TABLET_PORTRAIT: ViewportSize = { width: 768, height: 1024 };

/** A window (a counter PC's unless told, Vietnamese, Vietnam's time), signed in through the issuer's own sign-in page. */
export async function signIn(browser: Browser, consoleUrl: string, issuer: string, username: string, password = DEMO_PASSWORD, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', hasTouch: viewport !== DESKTOP });
  // Waiting for a screen is not a speed claim (docs/benchmarks.md measures that): a loaded machine gets room.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  await page.goto(consoleUrl);
  // The issuer's authorization code lives 60 s; on the loaded shared machine the callback has been seen to reach the
  // token endpoint after that, and the console then offers "Đăng nhập lại" — which a clerk would press, once.
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${issuer}/**`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.keyboard.press('Enter');
    const dashboard = page.getByRole('heading', { name: 'Tổng quan' });
    await dashboard.or(page.getByText(/^Đăng nhập không thành công/)).first().waitFor();
    if (await dashboard.isVisible()) return page;
    if (attempt === 2) throw new Error(`${username} did not reach the dashboard; ${page.url()} shows: ${(await page.locator('body').innerText()).slice(0, 500)}`);
  }
}
