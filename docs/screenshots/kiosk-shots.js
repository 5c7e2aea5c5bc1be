// How the kiosk-*.png were made: the app on the embedded default (PORT=8091), household cards 0826103201010002 and
// 0826103201010018 of 河东村 given PIN 1234 by the administrator, then: npm install playwright-core; node kiosk-shots.js
// (Chromium at /usr/bin/chromium; PDFs of the receipt, report and voucher sheet turned into PNG with pdftoppm).
// Screenshots of the kiosk and the operator's pages for docs/kiosk-guide.*.md, in headless Chromium.
const { chromium } = require('playwright-core');
const BASE = process.env.BASE || 'http://localhost:8091';
const OUT = process.env.OUT || '/work/wt-kiosk/docs/screenshots';
const CARD = process.env.CARD || '0826103201010002';

async function signIn(browser, user, viewport) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  // the receipt prints itself 600 ms after it opens; here page.pdf prints it, and two prints at once fail
  await context.addInitScript(() => { window.print = () => {}; });
  const page = await context.newPage();
  await page.goto(BASE + '/login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', 'demo1234');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return page;
}

let receiptUrl = null;

async function kiosk(browser, viewport, suffix) {
  const page = await signIn(browser, 'hedong.kiosk1', viewport);
  await page.goto(BASE + '/kiosk');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/kiosk-start-${suffix}.png` });
  for (const d of CARD) { await page.click(`.k-keypad button[data-key="${d}"]`); }
  await page.click('#card-ok');
  await page.waitForSelector('#pin-part:not([hidden])');
  await page.click('.k-keypad button[data-key="1"]');
  await page.click('.k-keypad button[data-key="2"]');
  await page.screenshot({ path: `${OUT}/kiosk-pin-${suffix}.png` });
  await page.click('.k-keypad button[data-key="3"]');
  await page.click('.k-keypad button[data-key="4"]');
  await page.waitForSelector('#step-goods:not([hidden])');
  // two products: oil and soap if there, else the first affordable ones (tiles are redrawn after each click)
  const count = await page.locator('.k-tile').count();
  let chosen = 0;
  for (const name of ['食用油', '香皂']) {
    const plus = page.locator('.k-tile', { hasText: name }).locator('.k-plus');
    if (await plus.count() && !(await plus.first().isDisabled())) { await plus.first().click(); chosen++; }
  }
  for (let i = 0; i < count && chosen < 2; i++) {
    const plus = page.locator('.k-tile').nth(i).locator('.k-plus');
    if (!(await plus.isDisabled())) { await plus.click(); chosen++; }
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${OUT}/kiosk-goods-${suffix}.png` });
  if (suffix !== 'portrait' && receiptUrl) {
    // the same receipt on a landscape screen: two columns, the balance after and 完成 above the fold
    await page.goto(receiptUrl);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/kiosk-receipt-${suffix}.png` });
  }
  if (suffix === 'portrait') {
    await Promise.all([page.waitForURL(/\/kiosk\/receipts\//), page.click('#confirm')]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/kiosk-receipt-${suffix}.png` });
    const url = page.url();
    receiptUrl = url;
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: '/tmp/shots/receipt-roll.pdf', width: '58mm', height: '160mm', printBackground: true,
      preferCSSPageSize: true });
    await page.goto(url + '?paper=a4');
    await page.pdf({ path: '/tmp/shots/receipt-a4.pdf', format: 'A4', preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
  }
  await page.context().close();
}

async function operator(browser) {
  const viewport = { width: 1280, height: 800 };
  const page = await signIn(browser, 'hedong.shop', viewport);
  for (const [path, name] of [['/shop', 'shop-stock'], ['/shop/products', 'shop-products'],
    ['/shop/donations', 'shop-donations'], ['/shop/sales', 'shop-sales']]) {
    await page.goto(BASE + path);
    await page.screenshot({ path: `${OUT}/kiosk-${name}.png`, fullPage: name !== 'shop-products' });
  }
  await page.goto(BASE + '/shop/refunds?receipt=1');
  await page.screenshot({ path: `${OUT}/kiosk-shop-refunds.png` });
  await page.goto(BASE + '/shop/report');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: '/tmp/shots/report.pdf', format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  await page.goto(BASE + '/donations/1');
  await page.screenshot({ path: `${OUT}/kiosk-public-donations.png` });
  await page.context().close();
}

async function vouchers(browser) {
  const page = await signIn(browser, 'hedong.admin', { width: 1280, height: 800 });
  await page.goto(BASE + '/vouchers?card=' + (process.env.VCARD || '0826103201010018'));
  await page.fill('input[name="count-10"]', '2');
  await page.fill('input[name="count-20"]', '1');
  await page.screenshot({ path: `${OUT}/kiosk-vouchers-issue.png` });
  await Promise.all([page.waitForURL(/\/vouchers\/sheet/), page.click('form.issue button[type=submit]')]);
  await page.screenshot({ path: `${OUT}/kiosk-voucher-sheet.png` });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: '/tmp/shots/vouchers.pdf', format: 'A4', preferCSSPageSize: true });
  console.log('SHEET ' + page.url());
  const codes = await page.$$eval('.v-code', els => els.map(e => e.textContent));
  console.log('CODES ' + codes.join(' '));
  await page.context().close();
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  const what = process.argv[2] || 'all';
  if (what === 'all' || what === 'kiosk') {
    await kiosk(browser, { width: 1080, height: 1920 }, 'portrait');
    await kiosk(browser, { width: 1280, height: 800 }, 'landscape');
  }
  if (what === 'all' || what === 'operator') { await operator(browser); }
  if (what === 'all' || what === 'vouchers') { await vouchers(browser); }
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
