import { chromium } from 'playwright-core';
const base = process.argv[2] || 'http://127.0.0.1:8310';
const out = '/tmp/walk20/shots';
import fs from 'fs'; fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
async function as(user) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(base + '/login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', 'demo1234');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return page;
}
const office = await as('wenmingban');
await office.goto(base + '/settings'); await office.screenshot({ path: out + '/settings.png', fullPage: true });
console.log('settings has 未设置<:', (await office.content()).includes('>未设置<'));
await office.goto(base + '/ratings'); await office.screenshot({ path: out + '/ratings.png', fullPage: true });
await office.goto(base + '/ops/verify'); await office.screenshot({ path: out + '/verify.png', fullPage: true });
const admin = await as('hedong.admin');
await admin.goto(base + '/households');
const link = await admin.locator('a[href^="/households/"]').filter({ hasNotText: '导入' }).nth(3).getAttribute('href');
console.log('household', link);
await admin.goto(base + link + '/passbook'); await admin.screenshot({ path: out + '/passbook.png', fullPage: true });
await admin.emulateMedia({ media: 'print' }); await admin.screenshot({ path: out + '/passbook-print.png', fullPage: true });
await admin.emulateMedia({ media: 'screen' });
await admin.goto(base + '/rankings?region=3&period=ALL'); await admin.screenshot({ path: out + '/rankings.png', fullPage: true });
await browser.close();
