// The kiosk's start and goods screens (steps 1 and 2). A file, never inline: the Content-Security-Policy forbids
// inline scripts. State lives in this page only; leaving it (receipt, idle) reloads the start screen, so nothing of
// one household is ever shown to the next.
(function () {
  'use strict';
  var IDLE_MS = 60 * 1000;
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  var texts = document.getElementById('texts').dataset;
  var $ = function (id) { return document.getElementById(id); };

  var state = {
    card: '', pin: '', mode: 'card',     // mode: 'card' (typing or scanning the card) or 'pin'
    vouchers: [],                          // {code, serial, points}
    household: null,                       // {householdName, maskedCard, balance}
    products: [], basket: {},              // productId -> quantity
    requestId: null, busy: false, dirty: false
  };

  // ---- text helpers: message patterns from the page, {0} {1} filled in order
  function fmt(pattern) {
    var args = Array.prototype.slice.call(arguments, 1);
    return String(pattern).replace(/\{(\d+)\}/g, function (m, i) { return args[i] !== undefined ? args[i] : m; });
  }

  // ---- speech: prices read aloud where the browser can, switchable, remembered on this kiosk
  var speech = $('speech');
  var canSpeak = 'speechSynthesis' in window;
  var speaking = canSpeak && localStorage.getItem('kiosk.speech') !== 'off';
  function showSpeech() { speech.setAttribute('aria-pressed', speaking ? 'true' : 'false'); }
  if (!canSpeak) { speech.hidden = true; }
  showSpeech();
  speech.addEventListener('click', function () {
    speaking = !speaking;
    localStorage.setItem('kiosk.speech', speaking ? 'on' : 'off');
    showSpeech();
    if (!speaking) { window.speechSynthesis.cancel(); }
  });
  function say(text) {
    if (!speaking || !text) { return; }
    window.speechSynthesis.cancel();
    var u = new SpeechSynthesisUtterance(text);
    u.lang = texts.speechLang || 'zh-CN';
    u.rate = 0.85;
    window.speechSynthesis.speak(u);
  }

  // ---- idle: back to a fresh start screen after a minute without a touch
  var idleTimer = null;
  function touched() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () {
      if (state.dirty && !state.busy) { location.replace('/kiosk'); }
    }, IDLE_MS);
  }
  ['pointerdown', 'keydown', 'input'].forEach(function (e) { document.addEventListener(e, touched, true); });
  touched();
  // a page brought back from the browser's cache (back button) must not show the last household
  window.addEventListener('pageshow', function (e) { if (e.persisted) { location.replace('/kiosk'); } });

  // ---- the server
  function api(method, url, body) {
    var init = { method: method, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (response.status === 401) { location.replace('/login'); }
        if (!response.ok) {
          var error = new Error((data && (data.detail || data.title)) || texts.network);
          error.status = response.status;
          error.code = data && data.code;
          throw error;
        }
        return data;
      });
    });
  }

  function steps(n) {
    document.querySelectorAll('.k-steps li').forEach(function (li) {
      li.classList.toggle('now', li.getAttribute('data-step') === String(n));
    });
  }

  function showError(el, message) {
    el.textContent = message;
    el.hidden = false;
    say(message);
  }

  // ---- step 1: card and PIN, or vouchers
  var scan = $('scan');
  var cardError = $('card-error');
  function focusScan() { if (state.mode === 'card' && !$('step-card').hidden) { scan.focus(); } }
  focusScan();
  say(texts.sayCard);

  function pinMode(on) {
    state.mode = on ? 'pin' : 'card';
    state.pin = '';
    $('card-part').hidden = on;
    $('pin-part').hidden = !on;
    $('cancel-pin').hidden = !on;
    $('card-ok').hidden = on;
    drawDots();
    if (on) {
      $('pin-card').textContent = fmt(texts.cardFor, state.card);
      say(texts.sayPin);
    } else {
      focusScan();
    }
  }

  function drawDots() {
    document.querySelectorAll('.k-dots span').forEach(function (dot, i) {
      dot.classList.toggle('full', i < state.pin.length);
    });
  }

  document.querySelectorAll('.k-keypad button').forEach(function (button) {
    button.addEventListener('click', function () {
      var key = button.getAttribute('data-key');
      cardError.hidden = true;
      state.dirty = true;
      if (state.mode === 'pin') {
        if (key === 'clear') { state.pin = ''; }
        else if (key === 'back') { state.pin = state.pin.slice(0, -1); }
        else if (state.pin.length < 4) { state.pin += key; }
        drawDots();
        if (state.pin.length === 4) { submitPin(); }
      } else {
        if (key === 'clear') { scan.value = ''; }
        else if (key === 'back') { scan.value = scan.value.slice(0, -1); }
        else { scan.value += key; }
        focusScan();
      }
    });
  });

  // a USB scanner types the card number or voucher code into the field and presses Enter
  $('scan-form').addEventListener('submit', function (e) { e.preventDefault(); takeScan(scan.value); });
  $('card-ok').addEventListener('click', function () { takeScan(scan.value); });
  $('cancel-pin').addEventListener('click', function () { state.card = ''; scan.value = ''; pinMode(false); });

  function takeScan(raw) {
    var text = String(raw || '').trim();
    scan.value = '';
    if (!text) { focusScan(); return; }
    state.dirty = true;
    if (/^v/i.test(text)) { addVoucher(text, cardError); return; }
    var card = text.replace(/\s+/g, '');
    // ask the server first: an unknown card, or one without a PIN, is told so before the keypad asks for a PIN
    api('POST', '/api/kiosk/cards', { cardNumber: card })
      .then(function () { state.card = card; pinMode(true); })
      .catch(function (error) { state.card = ''; showError(cardError, error.message); focusScan(); });
  }

  function submitPin() {
    if (state.busy) { return; }
    state.busy = true;
    api('POST', '/api/kiosk/session', { cardNumber: state.card, pin: state.pin })
      .then(function (session) {
        state.household = session;
        state.products = session.products;
        say(fmt(texts.sayWelcome, session.householdName, session.balance));
        showGoods();
      })
      .catch(function (error) {
        state.pin = '';
        drawDots();
        showError(cardError, error.message);
        if (error.code !== 'kiosk.pin.wrong') { state.card = ''; pinMode(false); }
      })
      .then(function () { state.busy = false; });
  }

  function addVoucher(code, errorBox) {
    if (state.vouchers.some(function (v) { return v.code.toUpperCase() === code.toUpperCase(); })) { return; }
    api('GET', '/api/kiosk/vouchers/' + encodeURIComponent(code))
      .then(function (v) {
        if (!v.usable) { showError(errorBox, fmt(texts.voucherUnusable, v.serial)); return; }
        state.vouchers.push({ code: code, serial: v.serial, points: v.points });
        state.requestId = null;
        say(fmt(texts.sayVoucher, v.points));
        drawVouchers();
        if (!$('step-goods').hidden) { drawGoods(); }
      })
      .catch(function (error) { showError(errorBox, error.message); });
  }

  function voucherSum() { return state.vouchers.reduce(function (s, v) { return s + v.points; }, 0); }

  function drawVouchers() {
    var list = $('voucher-list');
    list.textContent = '';
    state.vouchers.forEach(function (v) {
      var li = document.createElement('li');
      li.textContent = fmt(texts.voucherItem, v.serial, v.points);
      list.appendChild(li);
    });
    $('vouchers-part').hidden = state.vouchers.length === 0;
  }

  $('vouchers-only').addEventListener('click', function () {
    api('GET', '/api/kiosk/products').then(function (products) {
      state.products = products;
      showGoods();
    }).catch(function (error) { showError(cardError, error.message); });
  });

  // ---- step 2: goods
  function showGoods() {
    $('step-card').hidden = true;
    $('step-goods').hidden = false;
    steps(2);
    var who = state.household;
    $('who-name').textContent = who ? fmt(texts.household, who.householdName) : '';
    $('who-balance').textContent = '';
    if (who) {
      var b = document.createElement('b');
      b.textContent = who.balance;
      $('who-balance').append(texts.balance + ' ', b, ' ' + texts.points);
    }
    drawGoods();
    $('scan2').focus();
  }

  function cardPart(total) { return Math.max(0, total - voucherSum()); }
  function basketTotal() {
    return state.products.reduce(function (s, p) { return s + (state.basket[p.id] || 0) * p.pricePoints; }, 0);
  }
  function balance() { return state.household ? state.household.balance : 0; }

  function drawGoods() {
    var grid = $('goods');
    var tpl = $('tile');
    grid.textContent = '';
    var total = basketTotal();
    state.products.forEach(function (p) {
      var tile = tpl.content.firstElementChild.cloneNode(true);
      var count = state.basket[p.id] || 0;
      var canAdd = count < p.available && (p.monthlyLimit === 0 || count < p.monthlyLimit)
        && cardPart(total + p.pricePoints) <= balance();
      tile.querySelector('.k-pic').src = p.picture;
      tile.querySelector('.k-pname').textContent = p.name;
      tile.querySelector('.k-price').textContent = fmt(texts.price, p.pricePoints, p.unit);
      var left = p.available <= 0 ? texts.soldOut
        : (!canAdd && count === 0 ? texts.tooDear : fmt(texts.left, p.available, p.unit));
      if (p.monthlyLimit > 0 && p.available > 0) { left += ' · ' + fmt(texts.limit, p.monthlyLimit); }
      tile.querySelector('.k-left').textContent = left;
      tile.querySelector('.k-count').textContent = count;
      tile.classList.toggle('chosen', count > 0);
      tile.classList.toggle('dim', count === 0 && !canAdd);
      var minus = tile.querySelector('.k-minus');
      var plus = tile.querySelector('.k-plus');
      minus.disabled = count === 0;
      plus.disabled = !canAdd;
      minus.addEventListener('click', function () { change(p, -1); });
      plus.addEventListener('click', function () { change(p, 1); });
      tile.querySelector('.k-pic').addEventListener('click', function () {
        say(fmt(texts.sayProduct, p.name, p.pricePoints, p.unit));
      });
      grid.appendChild(tile);
    });
    var items = Object.keys(state.basket).reduce(function (s, k) { return s + state.basket[k]; }, 0);
    var pay = cardPart(total);
    $('sum-line').textContent = items === 0 ? texts.sumEmpty : fmt(texts.sum, items, total);
    var after = $('sum-after');
    after.classList.remove('short');
    if (state.vouchers.length) {
      $('who-vouchers').textContent = fmt(texts.vouchers, voucherSum());
    }
    if (state.household) {
      after.textContent = fmt(texts.after, pay, balance() - pay);
    } else {
      after.textContent = fmt(texts.afterVouchers, voucherSum());
      if (pay > 0) { after.textContent = fmt(texts.short, pay); after.classList.add('short'); }
    }
    $('confirm').disabled = items === 0 || pay > balance();
  }

  function change(product, delta) {
    var count = (state.basket[product.id] || 0) + delta;
    if (count <= 0) { delete state.basket[product.id]; } else { state.basket[product.id] = count; }
    state.requestId = null;   // another basket: another request
    $('goods-error').hidden = true;
    if (delta > 0) { say(fmt(texts.sayProduct, product.name, product.pricePoints, product.unit)); }
    drawGoods();
  }

  $('scan2-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var code = $('scan2').value.trim();
    $('scan2').value = '';
    if (code) { addVoucher(code, $('goods-error')); }
  });
  $('back').addEventListener('click', function () { location.replace('/kiosk'); });

  // ---- confirm: one request id per basket, the same id on every retry, so a retry never debits twice
  $('confirm').addEventListener('click', function () {
    if (state.busy) { return; }
    state.busy = true;
    if (!state.requestId) { state.requestId = newId(); }
    var body = {
      requestId: state.requestId,
      cardNumber: state.household ? state.card : null,
      pin: state.household ? state.pin : null,
      lines: state.products.filter(function (p) { return state.basket[p.id]; }).map(function (p) {
        return { productId: p.id, quantity: state.basket[p.id], unitPoints: p.pricePoints };
      }),
      vouchers: state.vouchers.map(function (v) { return v.code; })
    };
    $('busy').hidden = false;
    send(body, 0);
  });

  function send(body, attempt) {
    api('POST', '/api/kiosk/checkouts', body)
      .then(function (receipt) {
        steps(3);
        location.replace('/kiosk/receipts/' + encodeURIComponent(receipt.checkoutId));
      })
      .catch(function (error) {
        var retry = !error.status || error.status >= 500 || error.code === 'checkout.busy';
        if (retry && attempt < 4) {
          setTimeout(function () { send(body, attempt + 1); }, 1500 * (attempt + 1));
          return;
        }
        $('busy').hidden = true;
        state.busy = false;
        state.requestId = null;
        showError($('goods-error'), error.message);
        if (error.code === 'checkout.price.changed' || error.code === 'stock.short') { refreshProducts(); }
      });
  }

  function refreshProducts() {
    api('GET', '/api/kiosk/products').then(function (products) {
      state.products = products;
      drawGoods();
    });
  }

  // random enough for a request id, and available on plain http where crypto.randomUUID is not
  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-'
      + hex.slice(20);
  }
})();
