#!/usr/bin/env node
// The walk-through: signs in as every role, visits every page of every role (crawled from each role's home page, plus
// the kiosk's steps and a few known forms) in zh-CN and English at phone, office PC and kiosk sizes, runs axe-core on
// each page, takes a screenshot of each, then prints every printed artefact to PDF and checks its page size and, for
// the household card, the vouchers and the 58 mm receipt, the measured size of the printed box.
//
//   cd e2e && npm ci && node walk.mjs --base http://localhost:8080
//
// Options: --out DIR (default e2e/out, not committed), --roles county,villager,... --sizes phone,office,kiosk
// --langs zh,en, --no-axe, --no-print, --no-shots, --per-pattern N (pages of one URL shape visited per walk, 1),
// --jobs N (walks at once, 1), --shot-type png|jpeg (png), --artefacts household-card,receipt-58mm,… (print only these), --print-only (find the artefacts' links by a quick walk, then print), --card NUMBER (the villager's card, else read from hedong.villager's /self page).
// Exit status 1 when a page has a critical or serious axe violation or a print check fails; 2 on a broken walk.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// ---- options ----
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf('--' + name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const flag = (name) => args.includes('--' + name);
const BASE = opt('base', process.env.BASE || 'http://localhost:8080').replace(/\/$/, '');
const OUT = path.resolve(opt('out', path.join(HERE, 'out')));
const PASSWORD = opt('password', 'demo1234');
const PIN = opt('pin', '1234');
const PER_PATTERN = Number(opt('per-pattern', '1'));
const MAX_PAGES = Number(opt('max-pages', '80'));
const ONLY_ROLES = opt('roles', '') ? opt('roles').split(',') : null;
const ONLY_SIZES = opt('sizes', '') ? opt('sizes').split(',') : null;
const LANGS = opt('langs', 'zh,en').split(',');
let DO_AXE = !flag('no-axe');
const DO_PRINT = !flag('no-print');
let DO_SHOTS = !flag('no-shots');
const DO_WALK = !flag('print-only');
const JOBS = Number(opt('jobs', '1'));
// PNG by default; --shot-type jpeg is encoded faster and smaller
const SHOT_TYPE = opt('shot-type', 'png') === 'jpeg' ? 'jpeg' : 'png';
const STARTED = Date.now();
const ONLY_ART = opt('artefacts', '') ? opt('artefacts').split(',') : null;

const SIZES = {
  phone: { width: 390, height: 844 },
  office: { width: 1280, height: 800 },
  kiosk: { width: 1080, height: 1920 },
};
// Every role of README's demo accounts; the villager signs in at /self with the household card and PIN.
const ROLES = [
  { key: 'anonymous', sizes: ['phone', 'office'], start: ['/login', '/self/login'],
    extra: ['/login?error=1', '/no-such-page'] },
  // the dashboard links to the whole list of lagging villages only when more than ten lag; the demo has fewer
  { key: 'county', user: 'wenmingban', sizes: ['phone', 'office'], extra: ['/dashboard/lagging'] },
  { key: 'township', user: 'humaying', sizes: ['phone', 'office'] },
  { key: 'village-admin', user: 'hedong.admin', sizes: ['phone', 'office'], extra: ['/households/new', '/households/import'] },
  { key: 'committee', user: 'hedong.c1', sizes: ['phone', 'office'] },
  { key: 'grid-worker', user: 'hedong.grid1', sizes: ['phone', 'office'] },
  { key: 'shop', user: 'hedong.shop', sizes: ['phone', 'office'] },
  { key: 'kiosk', user: 'hedong.kiosk1', sizes: ['kiosk', 'office'], kiosk: true },
  { key: 'villager', self: true, sizes: ['phone', 'office'] },
  // 市文明办: the demo county has no city above it; walk it against a city installation (setup --city) with
  // --roles city --city-user NAME (its password --password)
  { key: 'city', user: opt('city-user', ''), sizes: ['phone', 'office'], needs: 'city-user' },
];

// Links not to follow: signing out, switching language, downloads, the API, images.
const SKIP = [/^\/logout/, /^\/lang\//, /^\/static\//, /^\/api\//, /\.(csv|xlsx|png|jpe?g|svg|pdf|js|css)$/i,
  /\/xlsx$/, /\/export/, /^\/deeds\/photos\//];

const px2mm = (px) => px * 25.4 / 96;
const round1 = (x) => Math.round(x * 10) / 10;
const log = (...a) => console.log(...a);

// ---- every page a browser can open, read from the controllers' sources ----
// So a new page cannot be forgotten: the report lists every GET route of a page controller (not /api) that no role's
// walk reached, and the walk fails on one. Only these are not pages to walk:
const NOT_PAGES = new Map([
  ['/lang/{lang}', 'the language switch (a redirect back)'],
  ['/deeds/photos/{id}', "a deed's photo (an image)"],
  ['/reports/{id}/xlsx', 'a spreadsheet download'],
  ['/logout', 'signing out (skipped: it would end the walk\'s own session)'],
]);
function javaFiles(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) javaFiles(p, out); else if (e.name.endsWith('.java')) out.push(p);
  }
  return out;
}
/** [{ route: '/households/{id}/card', re }] of every @Get of every @Controller outside /api, fewest parameters first. */
function pageRoutes() {
  const annot = (name) => new RegExp(`@(?:io\\.micronaut\\.http\\.annotation\\.)?${name}\\b(?:\\s*\\(\\s*(?:(?:value|uri)\\s*=\\s*)?"([^"]*)")?`, 'g');
  const join = (a, b) => ('/' + [a, b].join('/')).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  const routes = new Map();
  for (const m of ['web', 'points-service', 'redemption-kiosk']) {
    for (const f of javaFiles(path.join(HERE, '..', m, 'src', 'main', 'java'))) {
      const src = fs.readFileSync(f, 'utf8');
      const c = [...src.matchAll(annot('Controller'))][0];
      if (!c) continue;
      for (const g of src.matchAll(annot('Get'))) {
        const route = join(c[1] || '', g[1] || '');
        if (route.startsWith('/api') || routes.has(route)) continue;
        const re = new RegExp('^' + route.replace(/[.+?^$()[\]\\|]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
        routes.set(route, { route, re, params: (route.match(/\{/g) || []).length, file: path.relative(path.join(HERE, '..'), f) });
      }
    }
  }
  return [...routes.values()].sort((a, b) => a.params - b.params || a.route.localeCompare(b.route));
}
const ROUTES = pageRoutes();
if (flag("routes")) { for (const r of ROUTES) console.log(r.route.padEnd(45), NOT_PAGES.has(r.route) ? "(not a page)" : "", r.file); process.exit(0); }
const routeOf = (pathname) => ROUTES.find((r) => r.re.test(pathname));

/** The shape of a URL: its route (ids in the path replaced) and its query's keys, so one household's page stands for all. */
function shape(u) {
  const url = new URL(u);
  const keys0 = [...url.searchParams.keys()].filter((k) => !['_csrf', 'page', 'q'].includes(k)).sort();
  const r = routeOf(url.pathname);
  if (r && r.params) return r.route + (keys0.length ? '?' + keys0.join('&') : '');
  const segs = url.pathname.split('/').map((s) =>
    // an id: a UUID, a number, a username like leguo.grid1; a round keeps its kind (W-… grid workers, H-… households)
    !/\d/.test(s) ? s : /^[A-Z]-/.test(s) ? ':' + s[0] : ':id');
  const keys = [...url.searchParams.keys()].filter((k) => !['_csrf', 'page', 'q'].includes(k)).sort();
  return segs.join('/') + (keys.length ? '?' + keys.join('&') : '');
}

function slug(u) {
  const url = new URL(u);
  let s = (url.pathname + (url.search ? '_' + url.search.slice(1) : '')).replace(/^\//, '');
  s = s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+/g, '_').slice(0, 100);
  return s || 'home';
}

async function newPage(browser, size, lang) {
  const context = await browser.newContext({ viewport: SIZES[size], deviceScaleFactor: 1,
    locale: lang === 'en' ? 'en-US' : 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(30000);
  const page = await context.newPage();
  // The language switch: /lang/en sets the cookie the pages read.
  await page.goto(`${BASE}/lang/${lang}?back=/login`);
  return page;
}

async function signIn(page, role) {
  if (role.self) {
    await page.goto(BASE + '/self/login');
    await page.fill('input[name=card]', await villagerCard());
    await page.fill('input[name=pin]', PIN);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    if (page.url().includes('/login')) throw new Error('villager sign-in at /self failed: ' + page.url());
    return;
  }
  if (!role.user) return;
  await page.goto(BASE + '/login');
  await page.fill('input[name=username]', role.user);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (page.url().includes('/login')) throw new Error(`sign-in of ${role.user} failed: ${page.url()}`);
}

// The demo villager's card: hedong.villager's household (README's demo accounts), read from its /self page.
let cardNumber = opt('card', '');
let browserRef;
async function villagerCard() {
  if (cardNumber) return cardNumber;
  const page = await newPage(browserRef, 'office', 'zh');
  try {
    await signIn(page, { user: 'hedong.villager' });
    await page.goto(BASE + '/self');
    const m = (await page.evaluate(() => document.body.innerText)).match(/\b\d{12,20}\b/);
    if (!m) throw new Error('no card number on hedong.villager\'s /self page; pass --card');
    cardNumber = m[0];
    return cardNumber;
  } finally {
    await page.context().close();
  }
}

async function runAxe(page) {
  // Evaluated from outside the page, so the application's Content-Security-Policy (script-src 'self') stays as it is.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE + '\n;0');
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];
const results = []; // one per page visit
const foundByRole = new Map(); // role -> [urls]

async function check(page, role, size, lang, label) {
  const url = page.url();
  const rec = { role: role.key, size, lang, url: url.replace(BASE, ''), label, status: null, counts: {}, violations: [] };
  for (const i of IMPACTS) rec.counts[i] = 0;
  if (DO_AXE) {
    try {
      rec.violations = await runAxe(page);
      for (const v of rec.violations) rec.counts[v.impact] = (rec.counts[v.impact] || 0) + 1;
    } catch (e) { rec.error = 'axe: ' + e.message; }
  }
  try {
    rec.layout = await layoutChecks(page, size, label);
    if (rec.layout.length) rec.error = (rec.error ? rec.error + '; ' : '') + 'layout: ' + rec.layout.join('; ');
  } catch (e) { rec.error = (rec.error ? rec.error + '; ' : '') + 'layout check: ' + e.message; }
  if (DO_SHOTS) {
    const file = path.join(OUT, 'shots', lang, size, role.key, (label ? slug(BASE + '/' + label) : slug(url)) + '.' + SHOT_TYPE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      await page.screenshot({ path: file, fullPage: true, type: SHOT_TYPE, ...(SHOT_TYPE === 'jpeg' ? { quality: 80 } : {}) });
      rec.shot = path.relative(OUT, file);
    }
    catch (e) { rec.error = (rec.error ? rec.error + '; ' : '') + 'screenshot: ' + e.message; }
  }
  results.push(rec);
  const bad = rec.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  log(`  ${JOBS > 1 ? `${role.key}/${size}/${lang} ` : ''}${rec.url}${label ? ' [' + label + ']' : ''}  ` + IMPACTS.map((i) => `${i[0]}${rec.counts[i]}`).join(' ')
    + (bad.length ? '  ' + bad.map((v) => `${v.id}(${v.impact},${v.nodes})`).join(' ') : '')
    + (rec.error ? '  ERROR ' + rec.error : ''));
  return rec;
}

/**
 * What issue 16's walk-through saw on screen, checked on every page it applies to (a failure is an error in the report):
 * at phone size a screen page is no wider than the phone, the top bar's links and buttons each stay on one line and the bar takes less than a quarter of the
 * screen; on the kiosk's receipt screen no text is smaller than 24 px, and the balance after the checkout and 完成 are
 * on the screen without scrolling (landscape 1280x800 and portrait 1080x1920).
 */
async function layoutChecks(page, size, label) {
  return page.evaluate(({ size, label }) => {
    const bad = [];
    const visible = (el) => { const r = el.getBoundingClientRect(); const st = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none'; };
    const bar = document.querySelector('header.topbar');
    if (size === 'phone' && bar) {
      // a screen page (it has the top bar; printed sheets and the kiosk have none) no wider than the phone
      const wide = document.documentElement.scrollWidth;
      if (wide > innerWidth + 1) bad.push(`page ${wide} px wide on a ${innerWidth} px screen`);
      const h = bar.getBoundingClientRect().height;
      if (h > innerHeight / 4) bad.push(`top bar ${Math.round(h)} px high (over a quarter of ${innerHeight})`);
      for (const el of bar.querySelectorAll('a, button, .user > span:first-child')) {
        if (!visible(el)) continue;
        // the lines its text is laid out on (a 44 px tall button is one line of text)
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.bottom)));
        if (tops.size > 1) bad.push(`top bar item "${el.textContent.trim()}" wraps`);
      }
    }
    if (label === 'kiosk-3-receipt') {
      window.scrollTo(0, 0);
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const small = new Set();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent.trim() || !n.parentElement || !visible(n.parentElement)) continue;
        const fs = parseFloat(getComputedStyle(n.parentElement).fontSize);
        if (fs < 23.95) small.add(`"${n.textContent.trim().slice(0, 20)}" ${fs} px`);
      }
      if (small.size) bad.push('receipt text under 24 px: ' + [...small].slice(0, 5).join(', '));
      for (const [sel, what] of [['dd.r-after', 'balance after'], ['#finish', '完成']]) {
        const el = document.querySelector(sel);
        if (!el) { if (sel === '#finish') bad.push(what + ' missing'); continue; }
        const r = el.getBoundingClientRect();
        if (r.bottom > innerHeight + 0.5) bad.push(`${what} below the fold (bottom ${Math.round(r.bottom)} > ${innerHeight})`);
      }
    }
    return bad;
  }, { size, label });
}

function links(page) {
  return page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
}

/** Breadth-first over same-origin GET links from the role's home page; one page per URL shape. */
async function crawl(page, role, size, lang) {
  const seen = new Set();
  const shapes = new Map();
  const queue = [...(role.start || ['/']), ...(role.extra || [])].map((p) => BASE + p);
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const u = queue.shift().split('#')[0];
    if (seen.has(u)) continue;
    seen.add(u);
    const resp = await page.goto(u, { waitUntil: 'load' }).catch((e) => ({ error: e }));
    if (resp && resp.error) { log(`  ${u} ERROR ${resp.error.message.split('\n')[0]}`); continue; }
    const landed = page.url().split('#')[0];
    if (!landed.startsWith(BASE)) continue;
    if (landed !== u && seen.has(landed)) continue;
    seen.add(landed);
    const sh = shape(landed);
    if ((shapes.get(sh) || 0) >= PER_PATTERN && visited > 0) continue; // a redirect to a shape already seen
    shapes.set(sh, (shapes.get(sh) || 0) + 1);
    await page.waitForTimeout(150);
    const rec = await check(page, role, size, lang);
    rec.status = resp ? resp.status() : null;
    // a link of the role's own pages that answers an error is a defect (the anonymous /no-such-page is meant to)
    if (rec.status >= 400 && !(role.extra || []).includes(u.slice(BASE.length))) {
      rec.error = (rec.error ? rec.error + '; ' : '') + `HTTP ${rec.status}`;
    }
    visited++;
    if (!foundByRole.has(role.key)) foundByRole.set(role.key, []);
    foundByRole.get(role.key).push(landed);
    for (const l of await links(page)) {
      if (!l.startsWith(BASE)) continue;
      const p = l.slice(BASE.length).split('#')[0];
      if (!p.startsWith('/') || SKIP.some((re) => re.test(p.split('?')[0]))) continue;
      const full = BASE + p;
      if (!seen.has(full) && (shapes.get(shape(full)) || 0) < PER_PATTERN) queue.push(full);
    }
  }
}

// ---- the kiosk's three steps (pages drawn by script, not links) ----
// --receipt /kiosk/receipts/{id}: a receipt to print (else the walk's own kiosk checkout)
let receiptUrl = opt('receipt', '') ? BASE + opt('receipt') : null;
async function kioskSteps(page, role, size, lang) {
  await page.goto(BASE + '/kiosk');
  await page.waitForTimeout(300);
  await check(page, role, size, lang, 'kiosk-1-card');
  const card = await villagerCard();
  for (const d of card) await page.click(`.k-keypad button[data-key="${d}"]`);
  await page.click('#card-ok');
  await page.waitForSelector('#pin-part:not([hidden])');
  await check(page, role, size, lang, 'kiosk-1-pin');
  for (const d of PIN) await page.click(`.k-keypad button[data-key="${d}"]`);
  await page.waitForSelector('#step-goods:not([hidden])');
  await page.waitForTimeout(300);
  const plus = page.locator('.k-tile .k-plus:not([disabled])');
  if (await plus.count()) await plus.first().click();
  await page.waitForTimeout(200);
  await check(page, role, size, lang, 'kiosk-2-goods');
  if (!receiptUrl && await plus.count()) {
    // One checkout per walk (the cheapest change to the demo data); the other sizes and languages revisit its receipt.
    await Promise.all([page.waitForURL(/\/kiosk\/receipts\//), page.click('#confirm')]);
    receiptUrl = page.url().split('?')[0];
  }
  if (receiptUrl) {
    await page.goto(receiptUrl);
    await check(page, role, size, lang, 'kiosk-3-receipt');
    await page.goto(receiptUrl + '?paper=a4');
    await check(page, role, size, lang, 'kiosk-3-receipt-a4');
  }
}

async function walkOne(browser, role, size, lang) {
  const page = await newPage(browser, size, lang);
  try {
    await signIn(page, role);
    if (role.kiosk) await kioskSteps(page, role, size, lang);
    await crawl(page, role, size, lang);
  } catch (e) {
    log(`  WALK ERROR ${role.key}/${size}/${lang}: ${e.message.split('\n')[0]}`);
    results.push({ role: role.key, size, lang, url: page.url().replace(BASE, ''), error: 'walk: ' + e.message,
      counts: {}, violations: [] });
  } finally {
    await page.context().close();
  }
}

/** Every role at each of its sizes in each language; --jobs N walks N of them at once. */
async function walk(browser) {
  const todo = [];
  for (const role of ROLES) {
    if (ONLY_ROLES && !ONLY_ROLES.includes(role.key)) continue;
    if (role.needs && !opt(role.needs, '')) continue;
    for (const size of role.sizes) {
      if (ONLY_SIZES && !ONLY_SIZES.includes(size)) continue;
      for (const lang of LANGS) todo.push([role, size, lang]);
    }
  }
  // The kiosk's one checkout comes first, so the other walks can revisit its receipt.
  todo.sort((a, b) => (b[0].kiosk ? 1 : 0) - (a[0].kiosk ? 1 : 0));
  const worker = async () => {
    for (let next = todo.shift(); next; next = todo.shift()) {
      const [role, size, lang] = next;
      log(`${role.key} · ${size} ${SIZES[size].width}x${SIZES[size].height} · ${lang}`);
      await walkOne(browser, role, size, lang);
      report(true); // the report so far, so a walk stopped early still leaves its figures
    }
  };
  const first = todo.shift();
  if (first) { log(`${first[0].key} · ${first[1]} · ${first[2]}`); await walkOne(browser, ...first); }
  await Promise.all(Array.from({ length: JOBS }, worker));
}

// ---- print ----
const A4 = { w: 210, h: 297 };
const A4L = { w: 297, h: 210 };
// Every printed artefact: who prints it, where its URL is found, the intended paper, and boxes to measure.
const ARTEFACTS = [
  { key: 'household-card', role: 'village-admin', find: /^\/households\/[^/]+\/card$/, page: A4,
    boxes: [{ sel: '.household-card', w: 85.6, h: 54, what: 'cut line (ISO/IEC 7810 ID-1)' }] },
  // 批量打印户卡: ten cards to an A4 sheet, each card at its cut size, no card split over two pages
  { key: 'card-sheet', role: 'village-admin', find: /^\/households\/print\/cards$/, fallback: '/households/print/cards',
    page: A4, sheet: { item: '.household-card', perPage: 10 },
    boxes: [{ sel: '.household-card', w: 85.6, h: 54, what: 'card cut line (ISO/IEC 7810 ID-1)' }] },
  // 首次户卡密码: a new household registered first (so the sheet has a slip), then the sheet the button prints
  { key: 'pin-envelopes', role: 'village-admin', post: pinSheet, page: A4, sheet: { item: '.pin-slip', perPage: 8 },
    boxes: [{ sel: '.pin-slip', h: 60, what: 'envelope slip' }] },
  { key: 'passbook', role: 'village-admin', find: /^\/households\/[^/]+\/passbook$/, page: A4 },
  { key: 'vouchers-sheet', role: 'village-admin', find: /^\/vouchers\/sheet\?/, page: A4, issue: true,
    boxes: [{ sel: '.voucher', w: 90, h: 64, what: 'voucher cut line' }] },
  // printed by the supermarket's operator: a kiosk sees a receipt only in the 10 minutes after its checkout
  { key: 'receipt-58mm', role: 'shop', url: () => receiptUrl, find: /^\/kiosk\/receipts\/[^/?]+$/, page: { w: 58, h: 160 },
    boxes: [{ sel: '.receipt', w: 58, withPageMargins: true, what: 'receipt + page margins = roll width' }] },
  { key: 'receipt-a4', role: 'shop', url: () => receiptUrl && receiptUrl + '?paper=a4', page: A4,
    find: /^\/kiosk\/receipts\/[^/?]+\?paper=a4$/ },
  { key: 'notice-poster', role: 'village-admin', find: /^\/deeds\/notice\/poster/, fallback: '/deeds/notice/poster', page: A4 },
  { key: 'star-certificate', role: 'county', find: /^\/ratings\/[^/]+\/certificates\/[^/?]+$/, page: A4L },
  { key: 'star-certificates-all', role: 'county', find: /^\/ratings\/[^/]+\/certificates(\?.*)?$/, page: A4L },
  { key: 'honour-roll', role: 'village-admin', find: /^\/ratings\/honour-roll/, fallback: '/ratings/honour-roll', page: A4 },
  { key: 'county-report', role: 'county', find: /^\/reports\/[^/]+$/, page: A4, generate: true },
  { key: 'township-report', role: 'township', find: /^\/reports\/[^/]+$/, page: A4, generate: true },
  { key: 'shop-report', role: 'shop', find: /^\/shop\/report/, fallback: '/shop/report', page: A4 },
];

/** Page sizes (mm) of a PDF from Chromium: every /MediaBox, in order. */
function pdfPages(buf) {
  const s = buf.toString('latin1');
  const out = [];
  for (const m of s.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)) {
    out.push({ w: (m[3] - m[1]) * 25.4 / 72, h: (m[4] - m[2]) * 25.4 / 72 });
  }
  return out;
}

/** In print media: the box's border-box in mm, its overflow, and the default @page margins. */
async function measure(page, sel) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    let ml = 0, mr = 0;
    const toPx = (v) => { const d = document.createElement('div'); d.style.width = v; document.body.appendChild(d);
      const w = d.getBoundingClientRect().width; d.remove(); return w; };
    for (const sheet of document.styleSheets) {
      let rules; try { rules = sheet.cssRules; } catch (e) { continue; }
      for (const rule of rules) {
        if (rule.constructor.name === 'CSSPageRule' && !rule.selectorText) {
          const st = rule.style;
          const left = st.getPropertyValue('margin-left') || st.getPropertyValue('margin').split(' ').slice(-1)[0];
          const right = st.getPropertyValue('margin-right');
          if (left) ml = toPx(left);
          if (right) mr = toPx(right);
        }
      }
    }
    return { w: r.width, h: r.height, overflowX: el.scrollWidth - el.clientWidth, ml, mr };
  }, sel);
}

const printChecks = [];
function verdict(rec, name, got, want, tol) {
  const ok = Math.abs(got - want) <= tol;
  rec.checks.push({ name, got: round1(got), want, tol, ok });
  if (!ok) rec.ok = false;
}

async function issueVouchers(page) {
  // No sheet seen on the walk: the village administrator issues one voucher to the demo villager's household.
  await page.goto(`${BASE}/vouchers?card=${await villagerCard()}`);
  await page.locator('form.issue input[name^="count-"]').first().fill('1');
  await Promise.all([page.waitForURL(/\/vouchers\/sheet/), page.click('form.issue button[type=submit]')]);
  return page.url();
}

async function pinSheet(page) {
  // 登记新户 (a household without a PIN), then 生成并打印首次户卡密码 as the list's button does (it asks first)
  await page.goto(BASE + '/households/new');
  await page.fill('input[name=headName]', 'Walk ' + new Date().toISOString().slice(11, 19).replace(/:/g, ''));
  await page.locator('select[name=gridCode]').selectOption({ index: 0 }).catch(() => {});
  await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
  await page.goto(BASE + '/households');
  page.once('dialog', (d) => d.accept());
  const form = page.locator('form[action*="/households/print/pins"]');
  await form.evaluate((f) => f.removeAttribute('target'));
  await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
  const status = await page.evaluate(() => document.title);
  if (!page.url().includes('/households/print/pins')) throw new Error('the PIN sheet did not open: ' + page.url() + ' ' + status);
  return page.url();
}

async function printAll(browser) {
  fs.mkdirSync(path.join(OUT, 'pdf'), { recursive: true });
  const roleOf = (k) => ROLES.find((r) => r.key === k);
  for (const lang of LANGS) {
    for (const a of ARTEFACTS) {
      if (ONLY_ART && !ONLY_ART.includes(a.key)) continue;
      const rec = { artefact: a.key, lang, ok: true, checks: [], url: null };
      printChecks.push(rec);
      const page = await newPage(browser, 'office', lang);
      // the receipt calls window.print() itself 600 ms after it opens; page.pdf prints here, and two prints at once fail
      await page.context().addInitScript(() => { window.print = () => {}; });
      try {
        await signIn(page, roleOf(a.role));
        let url = a.url ? a.url() : null;
        if (!url && a.find) {
          const pool = foundByRole.get(a.role) || []; // the role's own pages: another role's link may be refused
          url = pool.find((u) => a.find.test(u.slice(BASE.length)));
        }
        if (!url && a.fallback) url = BASE + a.fallback;
        if (!url && a.issue) url = await issueVouchers(page);
        if (!url && a.post) url = await a.post(page); // a page a form's POST answers: already open
        if (!url && a.generate) {
          // no report of this office yet: generate one as its clerk would, with the form's default period
          await page.goto(BASE + '/reports');
          await Promise.all([page.waitForURL(/\/reports\/\d+/), page.click('form.card button[type=submit]')]);
          url = page.url();
        }
        if (!url) throw new Error('no link to this artefact found on the walk');
        rec.url = url.replace(BASE, '');
        if (!a.post) {
          const resp = await page.goto(url);
          if (!resp || resp.status() >= 400) throw new Error(`HTTP ${resp && resp.status()}`);
        }
        const items = a.sheet ? await page.locator(a.sheet.item).count() : 0;
        // the artefact as its printer sees it on screen first: axe and a screenshot like every page of the walk
        if (DO_WALK && (DO_AXE || DO_SHOTS)) await check(page, roleOf(a.role), 'office', lang, 'print-' + a.key);
        await page.emulateMedia({ media: 'print' });
        const file = path.join(OUT, 'pdf', `${a.key}.${lang}.pdf`);
        const buf = await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
        const pages = pdfPages(buf);
        rec.pages = pages.length;
        if (!pages.length) throw new Error('no page in the PDF');
        // Every page of the artefact on its intended paper (either orientation would be a defect: check both sides).
        pages.forEach((p, i) => {
          if (i > 2) return;
          verdict(rec, `page ${i + 1} width mm`, p.w, a.page.w, 0.5);
          verdict(rec, `page ${i + 1} height mm`, p.h, a.page.h, 0.5);
        });
        if (a.sheet) {
          // every item of the sheet on a page of its own sheet: as many pages as full sheets, none split
          if (!items) throw new Error(`no ${a.sheet.item} on the sheet`);
          rec.items = items;
          verdict(rec, `pages for ${items} × ${a.sheet.item} at ${a.sheet.perPage} a page`, pages.length,
            Math.ceil(items / a.sheet.perPage), 0);
        }
        for (const b of a.boxes || []) {
          const m = await measure(page, b.sel);
          if (!m) { rec.ok = false; rec.checks.push({ name: `${b.sel} present`, ok: false }); continue; }
          const w = b.withPageMargins ? m.w + m.ml + m.mr : m.w;
          if (b.w) verdict(rec, `${b.what}: width mm`, px2mm(w), b.w, 0.5);
          if (b.h) verdict(rec, `${b.what}: height mm`, px2mm(m.h), b.h, 0.5);
          verdict(rec, `${b.sel} content overflow mm`, px2mm(Math.max(0, m.overflowX)), 0, 0.5);
        }
      } catch (e) {
        rec.ok = false;
        rec.error = e.message.split('\n')[0];
      } finally {
        await page.context().close();
      }
      log(`  ${rec.ok ? 'ok  ' : 'FAIL'} ${a.key} (${lang}) ${rec.url || ''} ${rec.pages ? rec.pages + ' p.' : ''} `
        + rec.checks.map((c) => `${c.name}=${c.got}${c.ok ? '' : ' (want ' + c.want + '±' + c.tol + ')'}`).join('; ')
        + (rec.error ? ' ERROR ' + rec.error : ''));
    }
  }
}

// ---- report ----
let stoppedBy = null;
function sum(list) {
  const c = { pages: list.length };
  for (const i of IMPACTS) c[i] = list.reduce((s, r) => s + (r.counts[i] || 0), 0);
  return c;
}

function report(quiet = false) {
  const groups = new Map();
  for (const r of results) {
    const k = `${r.role}\t${r.size}\t${r.lang}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  const lines = [];
  const minutes = Math.round((Date.now() - STARTED) / 60000);
  lines.push('# Walk-through report', '', `Base ${BASE}, ${new Date().toISOString()}, ${minutes} min. Counts are axe-core rule violations`
    + ' per page (a rule failing on several elements of one page counts once), summed.', '');
  if (stoppedBy) lines.push(`**Partial: the walk was stopped (${stoppedBy}); only the pages below were walked.**`, '');
  lines.push('| role | size | lang | pages | critical | serious | moderate | minor |', '|---|---|---|---|---|---|---|---|');
  for (const [k, list] of groups) {
    const [role, size, lang] = k.split('\t');
    const c = sum(list);
    lines.push(`| ${role} | ${size} ${SIZES[size].width}×${SIZES[size].height} | ${lang} | ${c.pages} | ${c.critical} | ${c.serious} | ${c.moderate} | ${c.minor} |`);
  }
  const t = sum(results);
  lines.push(`| **total** | | | ${t.pages} | ${t.critical} | ${t.serious} | ${t.moderate} | ${t.minor} |`, '');
  // the same visits summed by size and by language
  lines.push('| by | pages | critical | serious | moderate | minor |', '|---|---|---|---|---|---|');
  for (const [what, key] of [['size', 'size'], ['language', 'lang']]) {
    for (const v of [...new Set(results.map((r) => r[key]))]) {
      const c = sum(results.filter((r) => r[key] === v));
      const name = key === 'size' ? `${v} ${SIZES[v].width}×${SIZES[v].height}` : v;
      lines.push(`| ${what} ${name} | ${c.pages} | ${c.critical} | ${c.serious} | ${c.moderate} | ${c.minor} |`);
    }
  }
  lines.push('');
  const byRule = new Map();
  for (const r of results) for (const v of r.violations) {
    const k = `${v.impact}\t${v.id}`;
    if (!byRule.has(k)) byRule.set(k, { help: v.help, pages: [] });
    byRule.get(k).pages.push(`${r.role}/${r.size}/${r.lang} ${r.label || r.url}`);
  }
  lines.push('## Rules that failed', '', '| impact | rule | pages | for example |', '|---|---|---|---|');
  const order = (k) => IMPACTS.indexOf(k.split('\t')[0]);
  for (const [k, v] of [...byRule].sort((a, b) => order(a[0]) - order(b[0]))) {
    const [impact, id] = k.split('\t');
    lines.push(`| ${impact} | ${id}: ${v.help} | ${v.pages.length} | ${v.pages.slice(0, 3).join('; ')} |`);
  }
  if (printChecks.length) {
    lines.push('', '## Print', '', '| artefact | lang | ok | pages | checks |', '|---|---|---|---|---|');
    for (const p of printChecks) {
      lines.push(`| ${p.artefact} | ${p.lang} | ${p.ok ? 'yes' : '**no**'} | ${p.pages || ''} | `
        + p.checks.map((c) => `${c.name} ${c.got} (${c.want}±${c.tol})${c.ok ? '' : ' ✗'}`).join('; ')
        + (p.error ? ' error: ' + p.error : '') + ' |');
    }
  }
  // every page route and the roles whose walk reached it
  const reached = new Map(ROUTES.map((r) => [r.route, new Set()]));
  for (const r of results) {
    if (!r.url || (r.status && r.status >= 400)) continue;
    const route = routeOf(new URL(BASE + r.url).pathname);
    if (route) reached.get(route.route).add(r.role);
  }
  const missed = ROUTES.filter((r) => !NOT_PAGES.has(r.route) && !reached.get(r.route).size);
  const fullWalk = DO_WALK && !ONLY_ROLES && !ONLY_SIZES && results.length > 0;
  lines.push('', '## Pages by route', '', `Every GET route of the page controllers (read from the sources): ${ROUTES.length}`
    + ` routes, ${ROUTES.length - NOT_PAGES.size - missed.length} reached, ${missed.length} not reached`
    + (fullWalk ? '' : ' (a partial walk: not counted as errors)') + '.', '', '| route | reached by |', '|---|---|');
  for (const r of ROUTES) {
    lines.push(`| \`${r.route}\` | ${NOT_PAGES.has(r.route) ? 'not a page: ' + NOT_PAGES.get(r.route)
      : [...reached.get(r.route)].join(', ') || '**not reached**'} |`);
  }
  const errors = results.filter((r) => r.error);
  if (fullWalk) for (const r of missed) errors.push({ role: '-', size: '-', lang: '-', url: r.route, error: `no role's walk reached this page (${r.file})` });
  if (errors.length) {
    lines.push('', '## Errors', '');
    for (const e of errors) lines.push(`- ${e.role}/${e.size}/${e.lang} ${e.url}: ${e.error}`);
  }
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'report.md'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(OUT, 'report.json'), JSON.stringify({ base: BASE, results, print: printChecks }, null, 1));
  if (quiet) return null;
  log('\n' + lines.join('\n'));
  log(`\nReport: ${path.join(OUT, 'report.md')}; screenshots under ${path.join(OUT, 'shots')}; PDFs under ${path.join(OUT, 'pdf')}`);
  return { total: t, errors: errors.length, printFailed: printChecks.filter((p) => !p.ok).length };
}

// ---- main ----
// Stopped (Ctrl-C, kill): the report of the pages walked so far, marked as partial.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stoppedBy = sig;
    report();
    process.exit(130);
  });
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
browserRef = browser;
let status = 0;
try {
  if (DO_WALK) await walk(browser);
  else if (DO_PRINT) {
    // --print-only: find the artefacts' links by walking the roles that print them, without axe or screenshots.
    DO_AXE = false; DO_SHOTS = false;
    const printers = new Set(ARTEFACTS.filter((a) => !ONLY_ART || ONLY_ART.includes(a.key)).map((a) => a.role));
    for (const key of ['village-admin', 'county', 'township', 'shop', 'kiosk'].filter((k) => printers.has(k))) {
      const role = ROLES.find((r) => r.key === key);
      await walkOne(browser, role, role.kiosk ? 'kiosk' : 'office', 'zh');
    }
    results.length = 0;
  }
  if (DO_PRINT) { log('print'); await printAll(browser); }
} catch (e) {
  console.error('walk broke:', e);
  status = 2;
} finally {
  await browser.close();
}
const r = report();
if (!status) status = r.total.critical || r.total.serious || r.printFailed || r.errors ? 1 : 0;
log(`\ncritical ${r.total.critical}, serious ${r.total.serious}, moderate ${r.total.moderate}, minor ${r.total.minor}`
  + ` over ${r.total.pages} pages; print checks failed: ${r.printFailed}; errors: ${r.errors} -> exit ${status}`);
process.exit(status);
