#!/usr/bin/env node
// The go-live acceptance walk (issue 15) on a fresh database set up by docs/install.*: headless Chromium does what the
// offices would do on the pages, with the files of ops/acceptance-city.sh. Step "import": the city office changes its
// first password, imports the region tree and the county offices; each county office its township officers and
// village administrators, then its households with opening balances; each village administrator its grid workers
// and committee. Step "roles": every role signs in and sees its pages. Passwords go to <files>/passwords.json (a
// test machine's only); screenshots to docs/screenshots/golive-*.png.
//
//   cd e2e && node golive-walk.mjs --base http://127.0.0.1:8083 --files /tmp/city --first-password P --step import
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf('--' + n); return i >= 0 ? args[i + 1] : d; };
const BASE = opt('base', 'http://127.0.0.1:8083');
const FILES = opt('files', '/tmp/golive15-city');
const SHOTS = path.resolve(opt('shots', path.join(HERE, '..', 'docs', 'screenshots')));
const STEP = opt('step', 'import');
const STATE = path.join(FILES, 'passwords.json');
const state = fs.existsSync(STATE) ? JSON.parse(fs.readFileSync(STATE, 'utf8')) : {};
const save = () => fs.writeFileSync(STATE, JSON.stringify(state, null, 1));
const OWN = 'Wangchuan-2026';
const results = [];
const note = (line) => { results.push(line); console.log(line); };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });

async function session(lang = 'zh') {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(180000);
  page.on('dialog', (d) => d.accept());
  await page.goto(`${BASE}/lang/${lang}?back=/login`);
  return page;
}

async function shot(page, name, full = true) {
  await page.screenshot({ path: path.join(SHOTS, `golive-${name}.png`), fullPage: full });
}

/** Signs in; with a temporary password, sets the own one first (the product insists). */
async function signIn(page, user) {
  const temporary = state[user];
  const password = temporary === undefined ? OWN : temporary;
  await page.goto(BASE + '/login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password === 'own' ? OWN : password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  if (page.url().includes('/password')) {
    return { page, mustChange: true, password };
  }
  if (page.url().includes('/login')) throw new Error('sign-in refused for ' + user + ': ' + page.url());
  return { page, mustChange: false };
}

async function changePassword(page, user, current, shotName) {
  await page.goto(BASE + '/password');
  if (shotName) await shot(page, shotName, false);
  await page.fill('input[name=current]', current);
  await page.fill('input[name=chosen]', OWN);
  await page.fill('input[name=confirm]', OWN);
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  state[user] = 'own';
  save();
  const again = await signIn(page, user);
  if (again.mustChange) throw new Error('still a temporary password: ' + user);
}

async function asUser(user, shotName) {
  const page = await session();
  const s = await signIn(page, user);
  if (s.mustChange) await changePassword(page, user, s.password, shotName);
  return page;
}

async function upload(page, form, file, previewShot) {
  await page.goto(BASE + form);
  await page.setInputFiles('input[type=file]', file);
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  const text = await page.evaluate(() => document.querySelector('main').innerText);
  if (previewShot) {
    // a preview of 1,000 rows is long: its top (summary, sums per village, the button) is what the guide shows
    const tall = await page.evaluate(() => document.body.scrollHeight) > 2400;
    if (tall) await page.setViewportSize({ width: 1280, height: 1500 });
    await shot(page, previewShot, !tall);
    if (tall) await page.setViewportSize({ width: 1280, height: 800 });
  }
  const confirm = page.locator('main form[method=post] button.primary');
  if (!(await confirm.count())) throw new Error('not importable: ' + file + '\n' + text.slice(0, 1500));
  await Promise.all([page.waitForNavigation(), confirm.first().click()]);
  return text;
}

/** The sealed slips after a people import: username and temporary password of each. */
async function slips(page, shotName) {
  if (shotName) await shot(page, shotName, false);
  const found = await page.$$eval('.pin-slip', (all) => all.map((s) => ({
    user: s.querySelector('.inside small').innerText.split(' ').pop(),
    password: s.querySelector('.pin').innerText.trim() })));
  for (const f of found) state[f.user] = f.password;
  save();
  return found.length;
}

if (STEP === 'import') {
  state['wangchuan.office'] = state['wangchuan.office'] || opt('first-password');
  save();
  let t = Date.now();
  const city = await asUser('wangchuan.office', 'password-first');
  note(`city office signed in, own password set (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  t = Date.now();
  const regions = await upload(city, '/regions/import', path.join(FILES, 'regions.xlsx'), 'regions-preview');
  note(`regions imported: ${regions.match(/[^\n]*：\s*\d+/g)?.join(', ')} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  await city.goto(BASE + '/regions');
  await shot(city, 'regions');
  await upload(city, '/people/import', path.join(FILES, 'people/people-city.xlsx'), 'people-preview-city');
  note(`county offices imported: ${await slips(city, 'people-slips')}`);

  for (const county of ['dongling', 'xihe']) {
    t = Date.now();
    const office = await asUser(county + '.office');
    await upload(office, '/people/import', path.join(FILES, `people/people-${county}.xlsx`),
      county === 'dongling' ? 'people-preview-county' : null);
    const n = await slips(office);
    const preview = await upload(office, '/households/import', path.join(FILES, `households-${county}.xlsx`),
      county === 'dongling' ? 'households-preview' : null);
    const rows = preview.match(/\d[\d,]*\s*户/g);
    note(`${county}: ${n} township officers and village administrators; households imported (${rows?.[0] ?? '?'}) `
      + `in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await office.context().close();
  }
  const admins = Object.keys(state).filter((u) => /\.v\d+\.admin$/.test(u));
  let people = 0;
  t = Date.now();
  for (const admin of admins) {
    const page = await asUser(admin);
    const village = admin.replace(/\.admin$/, '');
    await upload(page, '/people/import', path.join(FILES, `people/people-${village}.xlsx`),
      village === 'dongling.v1' ? 'people-preview-village' : null);
    people += await slips(page);
    await page.context().close();
  }
  note(`${admins.length} village administrators imported ${people} grid workers and committee members `
    + `(${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

/** Bearer-token calls for the steps the pages do one by one (the same services and checks as the pages). */
const tokens = {};
async function api(user, method, url, body) {
  if (!tokens[user]) {
    const r = await fetch(BASE + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user, password: OWN }) });
    tokens[user] = (await r.json()).access_token;
  }
  const r = await fetch(BASE + url, { method, headers: { Authorization: 'Bearer ' + tokens[user],
    'Content-Type': 'application/json', Accept: 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 400) throw new Error(`${method} ${url} as ${user}: ${r.status} ${text.slice(0, 400)}`);
  return text ? JSON.parse(text) : null;
}
const sql = (q) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', opt('db', 'golive_accept'), '-Atc', q])
  .toString().trim();
const status = async (page, url) => (await page.goto(BASE + url)).status();
const until = async (what, check, seconds = 240) => {
  for (let i = 0; i < seconds; i++) { if (await check()) return; await new Promise((r) => setTimeout(r, 1000)); }
  throw new Error('not within ' + seconds + ' s: ' + what);
};

if (STEP === 'roles') {
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const county = sql("SELECT id FROM region WHERE code = '139901'");
  const other = sql("SELECT id FROM region WHERE code = '139902'");
  const village = sql("SELECT id FROM region WHERE code = '139901100201'");

  // the city office compares its two counties; a county office sees its own only
  const city = await asUser('wangchuan.office');
  await city.goto(BASE + '/dashboard');
  const cityText = await city.evaluate(() => document.querySelector('main').innerText);
  note(`city office dashboard names both counties: ${cityText.includes('东岭县') && cityText.includes('西河县')}`);
  await shot(city, 'city-dashboard');
  await city.goto(BASE + '/rankings');
  await shot(city, 'city-rankings', false);
  const office = await asUser('dongling.office');
  await office.goto(BASE + '/dashboard');
  const countyText = await office.evaluate(() => document.querySelector('main').innerText);
  note(`东岭县 office dashboard: own county shown ${countyText.includes('东岭县')}, 西河县's villages absent `
    + `${!countyText.includes('大王庄村')}; /dashboard?region=西河县 answers ${await status(office, '/dashboard?region=' + other)}`);
  await office.goto(BASE + '/dashboard');
  await shot(office, 'county-dashboard');

  // the same household file again: its passbooks were carried over, so it is refused whole
  await office.goto(BASE + '/households/import');
  await office.setInputFiles('input[type=file]', path.join(FILES, 'households-dongling.xlsx'));
  await Promise.all([office.waitForNavigation(), office.click('main form button[type=submit]')]);
  const again = await office.evaluate(() => document.querySelector('main').innerText);
  note(`households-dongling.xlsx previewed a second time: importable ${(await office.locator('main form[method=post] button.primary').count()) > 0}; `
    + `${again.split('\n').find((l) => /问题/.test(l)) ?? ''}`);
  await office.setViewportSize({ width: 1280, height: 900 });
  await shot(office, 'households-again', false);

  // 县设置: no objection period in this walk, so the deed is booked at the next run of the objection-period job
  await office.goto(BASE + '/settings');
  await office.fill('#v-NOTICE_DAYS', '0');
  await Promise.all([office.waitForNavigation(), office.evaluate(() => document.getElementById('f-NOTICE_DAYS').requestSubmit())]);
  await shot(office, 'settings', false);
  const rule = await api('dongling.office', 'POST', `/api/counties/${county}/rules`, { code: 'ZL-01',
    name: '扶老助困', category: 'SOCIAL', points: 10, evidence: 'WITNESS', description: '帮助孤寡老人、困难户' });
  note(`county rule 扶老助困 (10 points) added: ${rule.id?.value ?? rule.id ?? JSON.stringify(rule).slice(0, 80)}`);

  const township = await asUser('dongling.t1');
  await township.goto(BASE + '/dashboard');
  await shot(township, 'township-dashboard', false);
  note('township officer dongling.t1 signed in (own password set), dashboard shown');

  // a deed: reported by the grid worker, put on a session by the administrator, voted by the committee, booked
  const grid = await asUser('dongling.v1.grid1');
  await grid.setViewportSize({ width: 412, height: 915 });
  await grid.goto(BASE + '/deeds/report');
  await shot(grid, 'grid-worker-report');
  const household = sql("SELECT h.id FROM household h JOIN region g ON g.id = h.grid_id WHERE g.code = '13990110020101' "
    + "ORDER BY h.card_number LIMIT 1");
  const before = Number(sql(`SELECT balance FROM account_balance WHERE household_id = '${household}'`));
  const ruleId = rule.id?.value ?? rule.id;
  const deed = await api('dongling.v1.grid1', 'POST', '/api/deeds', { householdId: household, ruleId,
    deedDate: today, description: '冬天给独居的张大娘送煤、修炉子', witness: '邻居王大哥' });
  await asUser('dongling.v1.admin');
  const session = await api('dongling.v1.admin', 'POST', `/api/villages/${village}/review-sessions`,
    { title: '十二月评议会', heldOn: today, deedIds: [deed.deedId] });
  let votes = 0;
  for (let c = 1; c <= 6; c++) {
    const member = await asUser(`dongling.v1.c${c}`);
    if (c === 1) { await member.goto(BASE + '/deeds/vote'); await shot(member, 'committee-vote'); }
    await member.context().close();
    const v = await api(`dongling.v1.c${c}`, 'POST', `/api/deeds/${deed.deedId}/votes`, { choice: 'APPROVE' });
    votes++;
    if (v.status !== 'UNDER_REVIEW' && v.status !== 'REPORTED') break;
  }
  await api('dongling.v1.admin', 'POST', `/api/review-sessions/${session.sessionId}/closing`, {});
  let t = Date.now();
  await until('the deed booked', () => Number(sql(`SELECT balance FROM account_balance WHERE household_id = '${household}'`)) === before + 10);
  note(`deed reported by dongling.v1.grid1, ${votes} committee votes, session closed; booked by the objection-period job `
    + `${((Date.now() - t) / 1000).toFixed(0)} s later: balance ${before} -> ${before + 10}`);

  // print the village's cards and first PINs, then redeem at the kiosk
  const admin = await asUser('dongling.v1.admin');
  await admin.goto(BASE + '/households/print/cards');
  await shot(admin, 'print-cards', false);
  await admin.goto(BASE + '/households');
  const [pins] = await Promise.all([admin.context().waitForEvent('page'),
    admin.evaluate(() => { const f = document.querySelector('form[action*="/households/print/pins"]'); f.removeAttribute('data-confirm'); f.requestSubmit(); })]);
  await pins.waitForLoadState();
  await shot(pins, 'print-pins', false);
  const slipsText = await pins.$$eval('.pin-slip', (all) => all.map((s) => [s.querySelector('.outside b').innerText.split(' ').pop(), s.querySelector('.pin').innerText.trim()]));
  note(`first PINs printed for ${slipsText.length} households of 上庄村`);
  const card = sql(`SELECT card_number FROM household WHERE id = '${household}'`);
  const pin = slipsText.find(([c]) => c === card)[1];

}

if (STEP === 'roles' || STEP === 'kiosk') {
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const household = sql("SELECT h.id FROM household h JOIN region g ON g.id = h.grid_id WHERE g.code = '13990110020101' "
    + "ORDER BY h.card_number LIMIT 1");
  const card = sql(`SELECT card_number FROM household WHERE id = '${household}'`);
  const balance = () => Number(sql(`SELECT balance FROM account_balance WHERE household_id = '${household}'`));
  const before = balance();
  const admin = await asUser('dongling.v1.admin');
  // the household's head chose a PIN of their own at the village office (the printed first PIN is in its envelope)
  const pin = '2580';
  await admin.goto(BASE + '/households/' + household);
  await admin.fill('input[name=pin]', pin);
  await Promise.all([admin.waitForNavigation(), admin.click('form[action*="/pin"] button[type=submit]')]);
  let shopId = sql("SELECT id FROM supermarket WHERE name = '上庄村爱心超市'");
  if (!shopId) {
    const shop = await api('dongling.v1.admin', 'POST', '/api/supermarkets', { name: '上庄村爱心超市',
      regionCode: '139901100201', address: '村委会东侧' });
    shopId = shop.id;
    for (const [user, name, role] of [['dongling.v1.shop', '上庄超市 管理员', 'SUPERMARKET_OPERATOR'], ['dongling.v1.kiosk1', '上庄超市 自助机', 'KIOSK']]) {
      await admin.goto(BASE + '/people');
      await admin.fill('input[name=username]', user);
      await admin.fill('input[name=displayName]', name);
      await admin.selectOption('select[name=role]', role);
      await admin.fill('input[name=regionCode]', '139901100201');
      await admin.fill('input[name=supermarketId]', String(shopId));
      await Promise.all([admin.waitForNavigation(), admin.click('form[action^="/people"] button.primary')]);
      state[user] = (await admin.locator('.temporary-password').innerText()).trim();
      save();
    }
  }
  await asUser('dongling.v1.shop');
  let productId = sql("SELECT id FROM product WHERE name = '食用油'");
  if (!productId) {
    productId = (await api('dongling.v1.shop', 'POST', `/api/supermarkets/${shopId}/products`,
      { name: '食用油', unit: '桶', picture: '', pricePoints: 30, monthlyLimit: 2 })).id;
  }
  const product = { id: Number(productId) };
  await api('dongling.v1.shop', 'POST', `/api/supermarkets/${shopId}/donations`, { donationId: crypto.randomUUID(),
    donor: '县爱心企业', donorKind: 'ENTERPRISE', receivedOn: today, lines: [{ productId: product.id, quantity: 20 }] });
  const kiosk = await asUser('dongling.v1.kiosk1');
  await kiosk.setViewportSize({ width: 1080, height: 1920 });
  await kiosk.goto(BASE + '/kiosk');
  for (const d of card) await kiosk.click(`.k-keypad button[data-key="${d}"]`);
  await kiosk.click('#card-ok');
  await kiosk.waitForSelector('#pin-part:not([hidden])');
  for (const d of pin) await kiosk.click(`.k-keypad button[data-key="${d}"]`);
  await kiosk.waitForSelector('#step-goods:not([hidden])');
  await kiosk.locator('.k-tile .k-plus:not([disabled])').first().click();
  await shot(kiosk, 'kiosk-goods', false);
  await Promise.all([kiosk.waitForURL(/\/kiosk\/receipts\//), kiosk.click('#confirm')]);
  await shot(kiosk, 'kiosk-receipt', false);
  await until('the debit', () => Number(sql(`SELECT balance FROM account_balance WHERE household_id = '${household}'`)) === before - 30);
  note(`kiosk checkout of 1 食用油 (30 points) with card ${card}: balance ${before} -> ${before - 30}`);
  await admin.goto(BASE + '/households/' + household);
  await shot(admin, 'passbook', false);
}

fs.appendFileSync(path.join(FILES, 'walk-results.txt'), results.join('\n') + '\n');
await browser.close();
