#!/usr/bin/env node
// A day of the people who change things, on a running demo county: fills and submits every form of the pages where
// the county office and a village administrator change records (settings, people, sign-in locks, regions and merging
// villages, households: register, edit, move, split, merge, PIN, first-PIN envelopes, card sheet), as they would,
// and checks that the page shown right after saving shows the change. Each page after a save gets axe-core and a
// screenshot like walk.mjs's. It changes the demo data (a new township with two villages, new people, new households).
//
//   cd e2e && node day.mjs --base http://localhost:8080 [--lang zh|en] [--out DIR]
//
// Exit status 1 when a step fails or a page after a save has a critical or serious axe violation.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt; };
const BASE = opt('base', process.env.BASE || 'http://localhost:8080').replace(/\/$/, '');
const OUT = path.resolve(opt('out', path.join(HERE, 'out', 'day')));
const LANG = opt('lang', 'zh');
const PASSWORD = opt('password', 'demo1234');
const SIZE = opt('size', 'office') === 'phone' ? { width: 390, height: 844 } : { width: 1280, height: 800 };
// a tag of this run, so names and codes are new on every run against the same database
const RUN = String(Date.now() % 100000).padStart(5, '0');
const log = (...a) => console.log(...a);

const steps = [];
let failed = 0;
let shotNo = 0;

async function context(browser) {
  const ctx = await browser.newContext({ viewport: SIZE, locale: LANG === 'en' ? 'en-US' : 'zh-CN', timezoneId: 'Asia/Shanghai' });
  ctx.setDefaultTimeout(30000);
  const page = await ctx.newPage();
  page.on('dialog', (d) => d.accept()); // the confirmations before irreversible actions: the user says yes
  await page.goto(`${BASE}/lang/${LANG}?back=/login`);
  return page;
}

async function signIn(page, user, password = PASSWORD) {
  await page.goto(BASE + '/login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

/** Submits the form the button is in (the button clicked, as a user does) and waits for the page that answers. */
async function submit(page, button) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

const text = (page) => page.evaluate(() => document.body.innerText);

/** One step: what the user does, then what the page after saving must show; axe and a screenshot of that page. */
async function step(page, name, act, expect) {
  const rec = { name, ok: true, problems: [] };
  steps.push(rec);
  try {
    await act();
    rec.url = page.url().replace(BASE, '');
    const body = await text(page);
    for (const e of [].concat(expect || [])) {
      const ok = e instanceof RegExp ? e.test(body) : body.includes(e);
      if (!ok) rec.problems.push(`page after saving does not show ${e}`);
    }
    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE + '\n;0');
    const v = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
      .violations.map((x) => ({ id: x.id, impact: x.impact, nodes: x.nodes.length })));
    rec.axe = v;
    for (const x of v) if (x.impact === 'critical' || x.impact === 'serious') rec.problems.push(`axe ${x.id} (${x.impact})`);
    const file = path.join(OUT, LANG, `${String(++shotNo).padStart(2, '0')}-${name.replace(/[^A-Za-z0-9]+/g, '-')}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    rec.shot = path.relative(OUT, file);
  } catch (e) {
    rec.problems.push('broke: ' + e.message.split('\n')[0]);
  }
  if (rec.problems.length) { rec.ok = false; failed++; }
  log(`${rec.ok ? 'ok  ' : 'FAIL'} ${name}  ${rec.url || ''}${rec.problems.length ? '  ' + rec.problems.join('; ') : ''}`);
  return rec;
}

async function countyDay(browser) {
  const page = await context(browser);
  await signIn(page, 'wenmingban');
  // 县设置: the objection period from today, then back
  await page.goto(BASE + '/settings');
  const before = await page.inputValue('#v-NOTICE_DAYS');
  await step(page, 'settings notice days', async () => {
    await page.fill('#v-NOTICE_DAYS', '6');
    await submit(page, page.locator('button[form=f-NOTICE_DAYS]'));
  }, [/已保存|Saved/i]);
  const shown = await page.inputValue('#v-NOTICE_DAYS').catch(() => '');
  if (shown !== '6') { failed++; log(`FAIL settings: the new value field shows ${shown}, not 6`); }
  await page.fill('#v-NOTICE_DAYS', before || '7');
  await submit(page, page.locator('button[form=f-NOTICE_DAYS]'));

  // 人员: a new township officer, then rename, move, stop, restart, reset the password
  const user = `walk${RUN}`;
  let temporary;
  await step(page, 'people add', async () => {
    await page.goto(BASE + '/people');
    await page.fill('input[name=username]', user);
    await page.fill('input[name=displayName]', '走查 王' + RUN);
    await page.selectOption('select[name=role]', 'TOWNSHIP_OFFICER');
    await page.fill('input[name=regionCode]', '130826100');
    await submit(page, page.locator('form.card button[type=submit]'));
    temporary = await page.locator('.temporary-password').first().innerText().catch(() => '');
  }, [user]);
  await step(page, 'people list shows the new person', async () => { await page.goto(BASE + '/people'); }, [user, '走查 王' + RUN]);
  await step(page, 'people rename', async () => {
    await page.goto(`${BASE}/people/${user}`);
    await page.fill('input[name=displayName]', '走查 李' + RUN);
    await submit(page, page.locator(`form[action*="/name"] button`));
  }, ['走查 李' + RUN]);
  await step(page, 'people move', async () => {
    await page.fill('input[name=regionCode]', '130826101');
    await submit(page, page.locator(`form[action*="/scope"] button`));
  }, ['130826101']);
  await step(page, 'people deactivate', async () => {
    await submit(page, page.locator(`form[action*="/deactivate"] button`));
  }, [/停用|Deactivated|inactive/i]);
  await step(page, 'people reactivate', async () => {
    await submit(page, page.locator(`form[action*="/reactivate"] button`));
  }, [/在用|active/i]);
  await step(page, 'people password reset', async () => {
    await submit(page, page.locator(`form[action*="/password-reset"] button`));
    temporary = await page.locator('.temporary-password').first().innerText().catch(() => temporary);
  }, [user]);

  // the new person's first sign-in: the temporary password, then their own
  const other = await context(browser);
  const chosen = 'Walk-' + RUN + '-pass';
  await step(other, 'first sign-in asks for a new password', async () => {
    await signIn(other, user, temporary.trim());
  }, [/临时密码|temporary password/i]);
  await step(other, 'password change', async () => {
    await other.fill('input[name=current]', temporary.trim());
    await other.fill('input[name=chosen]', chosen);
    await other.fill('input[name=confirm]', chosen);
    await submit(other, other.locator('form.card button[type=submit]'));
  }, [/密码已修改|password is changed/i]);
  await other.context().close();

  // 登录锁定: five wrong passwords lock the account; the county office lifts the lock
  const locked = await context(browser);
  for (let i = 0; i < 6; i++) await signIn(locked, user, 'wrong-' + i);
  await locked.context().close();
  await step(page, 'locks list the locked account', async () => { await page.goto(BASE + '/ops/locks'); }, [user]);
  await step(page, 'lift the lock', async () => {
    await submit(page, page.locator('tr', { hasText: user }).locator('form button').first());
  }, [/已解除|lifted/i]);

  // 区划: a township with two villages, a rename, then one village merged into the other
  // 1308269xx: the demo's townships are 130826100-105, and a run whose clock ended in 00-05 met one of them
  const tCode = `1308269${RUN.slice(-2)}`;
  await page.goto(BASE + '/regions?region=1');
  await step(page, 'regions add township', async () => {
    await page.fill('form.card input[name=code]', tCode);
    await page.fill('form.card input[name=name]', '走查镇' + RUN);
    await submit(page, page.locator('form.card button[type=submit]'));
  }, ['走查镇' + RUN]);
  await page.click(`a:text-is("走查镇${RUN}")`);
  await page.waitForLoadState('load');
  const township = page.url().split('&')[0];
  for (const [n, name] of [['201', '走查甲村'], ['202', '走查乙村']]) {
    await step(page, 'regions add village ' + n, async () => {
      await page.fill('form.card input[name=code]', tCode + n);
      await page.fill('form.card input[name=name]', name + RUN);
      await submit(page, page.locator('form.card button[type=submit]'));
    }, [name + RUN]);
  }
  await step(page, 'regions rename', async () => {
    const row = page.locator('tr', { hasText: tCode + '202' });
    await row.locator('input[name=name]').fill('走查丙村' + RUN);
    await submit(page, row.locator('form[action*="/rename"] button'));
  }, ['走查丙村' + RUN]);
  await step(page, 'regions merge villages', async () => {
    await page.goto(township);
    await page.click(`a:text-is("走查甲村${RUN}")`);
    await page.waitForLoadState('load');
    const into = page.locator('select[name=into] option', { hasText: '走查丙村' + RUN });
    await page.selectOption('select[name=into]', await into.getAttribute('value'));
    await submit(page, page.locator('form[action*="/merge"] button'));
  }, ['走查丙村' + RUN]);

  // 账实核对 now
  await step(page, 'verify now', async () => {
    await page.goto(BASE + '/ops/verify');
    await submit(page, page.locator('form.card button[type=submit]'));
  }, [/核对已开始|started/i]);
  await page.context().close();
}

async function villageDay(browser) {
  const page = await context(browser);
  await signIn(page, 'hedong.admin');
  let cardA;
  await step(page, 'register a household', async () => {
    await page.goto(BASE + '/households/new');
    await page.fill('input[name=headName]', '走查甲' + RUN);
    await page.fill('input[name=members]', '走查乙/妻子');
    await submit(page, page.locator('form.card button[type=submit]'));
    cardA = (await text(page)).match(/\d{12,20}/)[0];
  }, ['走查甲' + RUN, '走查乙']);
  const detailA = page.url();
  await step(page, 'set the PIN', async () => {
    await page.fill('input[name=pin]', '4321');
    await submit(page, page.locator('form[action*="/pin"] button'));
  }, [/已保存|saved/i]);
  await step(page, 'edit the household', async () => {
    await page.goto(detailA.split('?')[0] + '/changes');
    await page.fill('form[action*="/edit"] input[name=phone]', '1390000' + RUN.slice(0, 4));
    await page.fill('form[action*="/edit"] input[name=address]', '河东村走查路' + RUN + '号');
    await submit(page, page.locator('form[action*="/edit"] button'));
  }, ['1390000' + RUN.slice(0, 4), '河东村走查路' + RUN + '号']);
  await step(page, 'move to another grid', async () => {
    await page.goto(detailA.split('?')[0] + '/changes');
    const options = page.locator('form[action*="/grid"] select option');
    const name = (await options.nth(1).innerText()).replace(/\s*\(.*$/, '');
    await page.selectOption('form[action*="/grid"] select', { index: 1 });
    await submit(page, page.locator('form[action*="/grid"] button'));
    steps[steps.length - 1].want = name;
  }, [/第二网格|Grid 2|网格/]);
  await step(page, 'split the household', async () => {
    await page.goto(detailA.split('?')[0] + '/changes');
    const f = page.locator('form[action*="/split"]');
    await f.locator('input[name=headName]').fill('走查丁' + RUN);
    await f.locator('input[name=points]').fill('10');
    await f.locator('input[name=reason]').fill('分家');
    await submit(page, f.locator('button'));
  }, ['走查丁' + RUN, /\b10\b/]);
  const detailB = page.url();
  await step(page, 'merge the new household back', async () => {
    await page.goto(detailB.split('?')[0] + '/changes');
    const f = page.locator('form[action*="/merge"]');
    await f.locator('input[name=intoCard]').fill(cardA);
    await f.locator('input[name=reason]').fill('合户');
    await submit(page, f.locator('button'));
  }, ['走查甲' + RUN, /转入|transferred in/, /合户/]);
  await step(page, 'the merged household shows moved out', async () => {
    await page.goto(detailB.split('?')[0]);
  }, [/合户|[Mm]erged/, /转出|transferred out/]);
  await step(page, 'people add a committee member', async () => {
    await page.goto(BASE + '/people');
    await page.fill('input[name=username]', `hedong.walk${RUN}`);
    await page.fill('input[name=displayName]', '走查委员' + RUN);
    await page.selectOption('select[name=role]', 'COMMITTEE_MEMBER');
    await page.fill('input[name=regionCode]', '130826103201');
    await submit(page, page.locator('form.card button[type=submit]'));
  }, [`hedong.walk${RUN}`]);
  await page.context().close();
}

fs.mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
try {
  await countyDay(browser);
  await villageDay(browser);
} finally {
  await browser.close();
}
fs.writeFileSync(path.join(OUT, `day.${LANG}.json`), JSON.stringify(steps, null, 1));
log(`\n${steps.length} steps, ${failed} failed; screenshots under ${path.join(OUT, LANG)}`);
process.exit(failed ? 1 : 0);
