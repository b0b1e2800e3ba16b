import { expect, test } from './fixtures';

test('shows the catalog page', async ({ appPage }) => {
  await expect(appPage.getByRole('heading', { level: 1, name: 'Mimir catalog' })).toBeVisible();
  await expect(appPage.getByRole('status')).toContainText('Schema version');
});

test('runs under the restrictive Content-Security-Policy', async ({ appPage, rendererErrors }) => {
  const csp = await appPage.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");

  // The bundled module script ran (the heading exists), but an injected inline script is refused.
  await expect(appPage.getByRole('heading', { name: 'Mimir catalog' })).toBeVisible();
  // (A string, because e2e/ is type-checked without the DOM library.)
  const inlineRan = await appPage.evaluate(`(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return window.__inlineRan === true;
  })()`);
  expect(inlineRan).toBe(false);
  await expect.poll(() => rendererErrors.some((e) => e.includes('Content Security Policy'))).toBe(true);
  // That violation was provoked on purpose; anything else still fails the test.
  rendererErrors.splice(0, rendererErrors.length, ...rendererErrors.filter((e) => !e.includes("script-src 'self'")));
});
