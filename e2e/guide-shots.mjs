#!/usr/bin/env node
// Retakes the user guides' screenshots (docs/*-guide.*.md -> docs/screenshots/) from a running demo county, at the sizes
// the guides were first taken at: phones 412x915 at 1.5x (deeds) or 1x (self-service), office PCs 1280 wide, printed
// artefacts as PDF turned into PNG by pdftoppm (poppler-utils). The kiosk's and shop's pictures come from
// docs/screenshots/kiosk-shots.js (run with --kiosk; it makes one checkout and issues vouchers).
//
//   cd e2e && node guide-shots.mjs --base http://localhost:8080 [--only deeds-vote,offices-certificate] [--kiosk]
//
// --kiosk retakes the kiosk's and shop's pictures too; the voucher sheet (kiosk-voucher-sheet-a4) is retaken without it.
// Pictures of particular moments (a refused report, a rule's second version, a round under review and published, the
// household passbook) are not retaken here: they need those moments set up by hand.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf('--' + n); return i >= 0 ? args[i + 1] : d; };
const BASE = opt('base', 'http://localhost:8080').replace(/\/$/, '');
const OUT = path.resolve(opt('out', path.join(HERE, '..', 'docs', 'screenshots')));
const ONLY = opt('only', '') ? opt('only').split(',') : null;
const PHONE = { viewport: { width: 412, height: 915 }, scale: 1.5, fullPage: true };
const SELF_PHONE = { viewport: { width: 412, height: 915 }, scale: 1, fullPage: true };
const PC = { viewport: { width: 1280, height: 800 }, scale: 1, fullPage: true };
const PC_FOLD = { viewport: { width: 1280, height: 800 }, scale: 1, fullPage: false };

// name (without .png; "-en" added for English) -> who, where, how
const SHOTS = [
  { name: 'deeds-report', user: 'hedong.grid1', path: '/deeds/report', ...PHONE, langs: ['zh', 'en'] },
  { name: 'deeds-mine', user: 'hedong.villager', path: '/deeds/mine', ...PHONE, langs: ['zh', 'en'] },
  { name: 'deeds-notice', user: 'hedong.villager', path: '/deeds/notice', ...PHONE, langs: ['zh', 'en'] },
  { name: 'deeds-vote', user: 'hedong.c1', path: '/deeds/vote', ...PHONE, langs: ['zh', 'en'] },
  { name: 'deeds-review', user: 'hedong.admin', path: '/deeds/review', ...PC, langs: ['zh', 'en'] },
  { name: 'deeds-session', user: 'hedong.admin', path: '/deeds/review', follow: /\/deeds\/sessions\//, ...PC, langs: ['zh', 'en'] },
  { name: 'deeds-rules-county', user: 'wenmingban', path: '/rules', ...PC, langs: ['zh', 'en'] },
  { name: 'deeds-rules-village', user: 'hedong.admin', path: '/rules', ...PC, langs: ['zh', 'en'] },
  { name: 'deeds-passbook', user: 'hedong.admin', path: '/households', follow: /^\/households\/(?!new|import)[^/?]+$/,
    viewport: { width: 1280, height: 1000 }, scale: 1, fullPage: false, langs: ['zh', 'en'] },
  { name: 'deeds-poster', user: 'hedong.admin', path: '/deeds/notice/poster', pdf: 90 },
  { name: 'offices-dashboard-county', user: 'wenmingban', path: '/dashboard', ...PC },
  { name: 'offices-dashboard-township', user: 'humaying', path: '/dashboard', ...PC },
  { name: 'offices-ratings', user: 'hedong.admin', path: '/ratings', ...PC },
  { name: 'offices-reports', user: 'wenmingban', path: '/reports', ...PC_FOLD },
  { name: 'offices-report-print', user: 'wenmingban', path: '/reports', follow: /\/reports\/[^/]+$/, pdf: 60 },
  { name: 'offices-honour-roll', user: 'hedong.admin', path: '/ratings/honour-roll', pdf: 60 },
  { name: 'offices-certificate', user: 'wenmingban', path: '/ratings', via: /\/ratings\/[^/?]+$/,
    follow: /\/certificates\/leguo\.grid1$/, orFollow: /\/certificates\/[^/?]+$/, pdf: 80 },
  { name: 'offices-round-published', user: 'wenmingban', path: '/ratings', follow: /^\/ratings\/W-[^/?]+$/, ...PC },
  // a grid worker round under review: the quarter before the demo's published one, opened here if not yet open
  { name: 'offices-round-review', user: 'wenmingban', path: '/ratings', open: 'GRID_WORKERS', ...PC },
  { name: 'offices-grid-worker-stars', user: 'hedong.grid1', path: '/ratings/mine', ...SELF_PHONE, fullPage: false },
  { name: 'offices-self-login', path: '/self/login', ...SELF_PHONE, fullPage: false },
  { name: 'offices-self', self: true, path: '/self', ...SELF_PHONE },
  // the administration pages (issue 16): households, people, the county's settings, regions, verify
  { name: 'households-changes', user: 'hedong.admin', path: '/households', follow: /^\/households\/(?!new|import|print)[^/?]+$/,
    then: '/changes', ...PC, langs: ['zh', 'en'] },
  { name: 'households-card-sheet', user: 'hedong.admin', path: '/households/print/cards', pdf: 60 },
  { name: 'households-pin-sheet', user: 'hedong.admin', path: '/households/new', action: pinSheet, pdf: 60 },
  { name: 'people-village', user: 'hedong.admin', path: '/people', ...PC_FOLD, langs: ['zh', 'en'] },
  { name: 'offices-settings', user: 'wenmingban', path: '/settings', ...PC, langs: ['zh', 'en'] },
  { name: 'offices-regions', user: 'wenmingban', path: '/regions?region=1', ...PC, langs: ['zh', 'en'] },
  // the voucher sheet the village administrator prints after issuing (one voucher to the demo villager's household)
  { name: 'kiosk-voucher-sheet-a4', user: 'hedong.admin', path: '/vouchers', action: issueVoucher, pdf: 60 },
];

/** 登记新户 (a household without a PIN), then 生成并打印首次户卡密码 as the households list's button does. */
async function pinSheet(page) {
  await page.fill('input[name=headName]', '示例户');
  await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
  await page.goto(BASE + '/households');
  page.once('dialog', (d) => d.accept());
  const form = page.locator('form[action*="/households/print/pins"]');
  await form.evaluate((f) => f.removeAttribute('target'));
  await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
}

/** 发积分券: one voucher of the first value to the demo villager's household; the sheet opens after issuing. */
async function issueVoucher(page) {
  await page.goto(`${BASE}/vouchers?card=${await villagerCard()}`);
  await page.locator('form.issue input[name^="count-"]').first().fill('1');
  await Promise.all([page.waitForURL(/\/vouchers\/sheet/), page.click('form.issue button[type=submit]')]);
}

async function villagerCard() {
  if (card) return card;
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(BASE + '/login');
  await page.fill('input[name=username]', 'hedong.villager');
  await page.fill('input[name=password]', 'demo1234');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await page.goto(BASE + '/self');
  card = (await page.evaluate(() => document.body.innerText)).match(/\b\d{12,20}\b/)[0];
  await ctx.close();
  return card;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });
let card = opt('card', '');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-shots-'));

async function open(shot, lang) {
  const ctx = await browser.newContext({ viewport: shot.viewport || PC.viewport, deviceScaleFactor: shot.scale || 1,
    timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  await page.goto(`${BASE}/lang/${lang}?back=/login`);
  const login = async (user) => {
    await page.goto(BASE + '/login');
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', 'demo1234');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  };
  if (shot.self) {
    await villagerCard();
    await page.goto(BASE + '/self/login');
    await page.fill('input[name=card]', card);
    await page.fill('input[name=pin]', '1234');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  } else if (shot.user) {
    await login(shot.user);
  }
  return page;
}

async function followLink(page, re) {
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')));
  const h = hrefs.find((x) => re.test(x.split('?')[0]) || re.test(x));
  if (!h) throw new Error('no link matching ' + re);
  await page.goto(new URL(h, BASE).href);
}

/** The quarter two before today's in Beijing (the demo published the last one): 2026-Q2 in December 2026. */
function quarterBeforeLast() {
  const [y, m] = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).split('-').map(Number);
  let q = Math.floor((m - 1) / 3) + 1 - 2;
  let year = y;
  if (q < 1) { q += 4; year -= 1; }
  return `${year}-Q${q}`;
}

/** Opens that quarter's round from the ratings page (a second run finds it open and follows its link instead). */
async function openRound(page, kind) {
  const period = quarterBeforeLast();
  const re = new RegExp(`^/ratings/${kind === 'GRID_WORKERS' ? 'W' : 'H'}-[^/?]*-${period}$`);
  const find = () => page.evaluate((src) => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
    .find((h) => new RegExp(src).test(h)), re.source);
  let href = await find();
  if (!href) {
    const form = page.locator(`form:has(input[name=kind][value=${kind}])`);
    await form.locator('input[name=period]').fill(period);
    await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').click()]);
    if (!re.test(new URL(page.url()).pathname)) {
      await page.goto(BASE + '/ratings');
      href = await find();
      if (!href) throw new Error(`no ${period} round after opening it: ${page.url()}`);
    }
  }
  if (href) await page.goto(BASE + href);
  await page.waitForTimeout(1000);
}

let failed = 0;
for (const shot of SHOTS) {
  if (ONLY && !ONLY.includes(shot.name)) continue;
  for (const lang of shot.langs || ['zh']) {
    const file = path.join(OUT, shot.name + (lang === 'en' ? '-en' : '') + '.png');
    const page = await open(shot, lang);
    try {
      await page.goto(BASE + shot.path);
      if (shot.open) await openRound(page, shot.open);
      if (shot.via) await followLink(page, shot.via);
      if (shot.follow) await followLink(page, shot.follow).catch((e) => {
        if (!shot.orFollow) throw e;
        return followLink(page, shot.orFollow);
      });
      if (shot.then) await page.goto(page.url().split('?')[0] + shot.then);
      if (shot.action) await shot.action(page);
      await page.waitForTimeout(500); // charts draw after load
      if (shot.pdf) {
        await page.emulateMedia({ media: 'print' });
        const pdf = path.join(tmp, shot.name + '.pdf');
        await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
        execFileSync('pdftoppm', ['-png', '-r', String(shot.pdf), '-f', '1', '-l', '1', '-singlefile', pdf,
          file.replace(/\.png$/, '')]);
      } else {
        await page.screenshot({ path: file, fullPage: shot.fullPage });
      }
      console.log('ok  ', path.relative(process.cwd(), file), page.url().replace(BASE, ''));
    } catch (e) {
      failed++;
      console.log('FAIL', shot.name, lang, e.message.split('\n')[0]);
    } finally {
      await page.context().close();
    }
  }
}
await browser.close();
if (args.includes('--kiosk')) {
  // The kiosk and shop pictures: the script that first took them (CommonJS, playwright-core from e2e/node_modules).
  fs.mkdirSync('/tmp/shots', { recursive: true });
  execFileSync('node', [path.join(OUT, 'kiosk-shots.js')], { stdio: 'inherit', env: { ...process.env,
    NODE_PATH: path.join(HERE, 'node_modules'), BASE, OUT, CARD: card || process.env.CARD || '',
    VCARD: process.env.VCARD || card || '' } });
  // its printed artefacts, as the guides show them: the roll at 150 dpi, A4 sheets at 60 dpi
  for (const [pdf, name, dpi] of [['receipt-roll', 'kiosk-receipt-58mm', 150], ['receipt-a4', 'kiosk-receipt-a4', 60],
    ['report', 'kiosk-report-a4', 60], ['vouchers', 'kiosk-voucher-sheet-a4', 60]]) {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', `/tmp/shots/${pdf}.pdf`,
      path.join(OUT, name)]);
  }
}
process.exit(failed ? 1 : 0);
