import { chromium } from 'playwright-core';
const [,, user, lang, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: lang === 'en' ? 'en-US' : 'zh-CN' });
const page = await context.newPage();
await page.goto(`http://localhost:8080/lang/${lang}?back=/login`);
await page.fill('input[name=username]', user);
await page.fill('input[name=password]', 'demo1234');
await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
for (const p of paths) {
  await page.goto('http://localhost:8080' + p);
  const out = await page.evaluate(() => {
    const w = document.documentElement.clientWidth; const res = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1 && r.width > 0) {
        if (getComputedStyle(el).position === 'absolute' || getComputedStyle(el).position === 'fixed') res.push(el.tagName + '.' + el.className + ' right=' + Math.round(r.right) + ' ovf=' + getComputedStyle(el.parentElement).overflowX + '/' + getComputedStyle(el).display + ' ' + (el.textContent || '').trim().slice(0, 50));
      }
    }
    return { scroll: document.documentElement.scrollWidth, res: res.slice(0, 8) };
  });
  console.log(p, JSON.stringify(out, null, 1));
}
await browser.close();
