/**
 * Browser script for the try-it page: picks the user, polls their chat, draws the rich menu
 * with clickable areas, quick replies, and carries out actions (message, postback, uri,
 * datetimepicker, richmenuswitch). LIFF and in-app pages open in the side panel with
 * `simUserId` and `simIdToken` query parameters, which a LIFF app's mock mode can use.
 */
export const CLIENT_APP_JS = `
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('sim-config').textContent);
  var h = window.simH;
  var $ = function (id) { return document.getElementById(id); };
  var st = { userId: null, after: 0, entries: [], menu: null, menuOverride: null, menuOpen: true, timer: null, users: cfg.users };

  function api(method, path, body) {
    return fetch('/simulator/api' + path, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; }); });
  }
  function status(text) { $('status').textContent = text; }
  function user() { return st.users.filter(function (u) { return u.userId === st.userId; })[0]; }

  function refreshUsers() {
    return api('GET', '/users').then(function (list) { st.users = list; renderFollow(); });
  }
  function renderFollow() {
    var u = user();
    $('follow-btn').textContent = u && u.following ? 'ブロックする' : '友だち追加';
    $('text-input').disabled = !(u && u.following);
    $('send-btn').disabled = !(u && u.following);
    $('chat-title').textContent = (u ? u.displayName + ' さんのトーク' : '') + (u && !u.following ? '(友だちではありません)' : '');
  }

  function selectUser(id) {
    st.userId = id; st.after = 0; st.entries = []; st.menuOverride = null; st.menu = null;
    document.cookie = 'line_sim_user=' + encodeURIComponent(id) + '; path=/; SameSite=Lax';
    history.replaceState(null, '', '/simulator?user=' + encodeURIComponent(id));
    $('messages').textContent = '';
    // The last user's quick replies are theirs: the next poll draws this user's own.
    $('quick-replies').textContent = '';
    closeLiff();
    renderFollow();
    poll();
  }

  function poll() {
    clearTimeout(st.timer);
    var id = st.userId;
    api('GET', '/users/' + id + '/chat?after=' + st.after).then(function (res) {
      if (id !== st.userId) return;
      // Two polls can be in flight at once (a tap polls at once): draw each entry only once.
      res.entries.forEach(function (e) { if (e.seq <= st.after) return; st.entries.push(e); st.after = e.seq; appendEntry(e); });
      var menuKey = JSON.stringify(res.richMenu);
      if (menuKey !== JSON.stringify(st.menu)) { st.menu = res.richMenu; st.menuOverride = null; renderMenu(); }
      if (res.entries.length) renderQuickReplies();
    }).catch(function (e) { status('通信できません: ' + e.message); })
      .then(function () { st.timer = setTimeout(poll, 700); });
  }

  var NOTES = { follow: '友だち追加しました', unfollow: 'ブロックしました' };
  function appendEntry(e) {
    var box = $('messages');
    var m = e.message || {};
    if (e.from === 'user' && e.via !== 'message' && !(e.via === 'postback' && m.text)) {
      var text = NOTES[e.via] || (e.via === 'accountLink'
        ? 'アカウント連携: ' + (m.link && m.link.result === 'ok' ? '成功' : '失敗')
        : 'ボタン操作 (postback: ' + ((m.postback && m.postback.data) || '') + ')');
      box.appendChild(h('div', { class: 'note', text: text }));
    } else {
      var row = h('div', { class: 'row ' + e.from, 'data-via': e.via });
      row.appendChild(e.from === 'user' ? h('div', { class: 'bubble', text: m.text || '' }) : window.simRender(m, doAction));
      if (!e.delivered) row.appendChild(h('span', { class: 'undelivered', text: '未配信' }));
      box.appendChild(row);
    }
    box.scrollTop = box.scrollHeight;
  }

  function renderQuickReplies() {
    var bar = $('quick-replies');
    bar.textContent = '';
    var last = st.entries[st.entries.length - 1];
    var qr = last && last.from === 'bot' && last.message.quickReply;
    if (!qr) return;
    (qr.items || []).forEach(function (item) {
      var a = item.action || {};
      bar.appendChild(h('button', { type: 'button', text: a.label || a.text || '', onclick: function () { bar.textContent = ''; doAction(a); } }));
    });
  }

  function renderMenu() {
    var menu = st.menuOverride || st.menu;
    var holder = $('richmenu');
    holder.textContent = '';
    $('menu-bar').hidden = !menu;
    if (!menu) return;
    $('menu-bar').textContent = (menu.chatBarText || 'メニュー') + (st.menuOpen ? ' ▼' : ' ▲');
    holder.hidden = !st.menuOpen;
    holder.appendChild(h('img', { src: menu.imageUrl, alt: menu.name || 'リッチメニュー' }));
    menu.areas.forEach(function (area) {
      var b = area.bounds;
      var btn = h('button', { type: 'button', 'aria-label': area.action.label || area.action.text || area.action.data || 'メニュー',
        onclick: function () { doAction(area.action); } });
      btn.style.left = (b.x / menu.size.width * 100) + '%';
      btn.style.top = (b.y / menu.size.height * 100) + '%';
      btn.style.width = (b.width / menu.size.width * 100) + '%';
      btn.style.height = (b.height / menu.size.height * 100) + '%';
      holder.appendChild(btn);
    });
  }

  function sendText(text) {
    return api('POST', '/users/' + st.userId + '/messages', { text: text }).then(afterAction, fail);
  }
  function postback(data, displayText, params) {
    return api('POST', '/users/' + st.userId + '/postback', { data: data, displayText: displayText, params: params }).then(afterAction, fail);
  }
  function afterAction(res) {
    var d = res.delivery;
    status(d.status && d.status < 300 ? '' : 'Webhook の送信に失敗しました (' + (d.error || d.status) + ')');
    $('quick-replies').textContent = '';
    poll();
  }
  function fail(e) { status(e.message); }

  function doAction(a) {
    if (!a) return;
    switch (a.type) {
      case 'message': return sendText(a.text);
      case 'postback': return postback(a.data, a.displayText || a.text);
      case 'uri': return openUri(a.uri);
      case 'datetimepicker': {
        var hint = { date: 'YYYY-MM-DD', time: 'HH:mm', datetime: 'YYYY-MM-DDTHH:mm' }[a.mode];
        var v = prompt('日時を入力してください (' + hint + ')', a.initial || '');
        if (v) { var p = {}; p[a.mode] = v; postback(a.data, undefined, p); }
        return;
      }
      case 'richmenuswitch':
        return api('GET', '/richmenu-aliases/' + encodeURIComponent(a.richMenuAliasId)).then(function (menu) {
          st.menuOverride = menu; renderMenu();
          postback(a.data, undefined, { newRichMenuAliasId: a.richMenuAliasId, status: 'SUCCESS' });
        }, function () { postback(a.data, undefined, { newRichMenuAliasId: a.richMenuAliasId, status: 'RICHMENU_ALIAS_ID_NOTFOUND' }); });
      case 'clipboard': navigator.clipboard && navigator.clipboard.writeText(a.clipboardText); status('コピーしました'); return;
      default: status('シミュレーターでは使えない操作です: ' + a.type);
    }
  }

  /**
   * localhost, 127.0.0.1 and ::1 are one machine: a link made for PUBLIC_URL's localhost opens
   * in the panel of a simulator opened at 127.0.0.1 (and back), on the page's own host name,
   * so its cookies and origin are the page's.
   */
  var LOOPBACK = /^(localhost|127[.]0[.]0[.]1|[[]::1[]])$/;
  function sameMachine(url) {
    if (LOOPBACK.test(url.hostname) && LOOPBACK.test(location.hostname)) url.hostname = location.hostname;
    return url;
  }

  /** LIFF URLs and this server's pages open in the panel (LINE's in-app browser); others in a new tab. */
  function openUri(uri) {
    if (/^tel:/.test(uri)) { status('電話をかけます: ' + uri.slice(4)); return; }
    var url;
    try { url = new URL(uri, location.href); } catch (e) { status('開けない URL です'); return; }
    if (url.host === 'liff.line.me') {
      var parts = url.pathname.split('/').filter(Boolean);
      var endpoint = cfg.liffApps[parts[0]];
      if (!endpoint) { status('LIFF アプリ ' + parts[0] + ' は登録されていません'); return; }
      var target = sameMachine(new URL(endpoint, location.href));
      var rest = parts.slice(1).join('/');
      if (rest) target.pathname = target.pathname.replace(/\\/$/, '') + '/' + rest;
      url.searchParams.forEach(function (v, k) { target.searchParams.set(k, v); });
      return openLiff(target);
    }
    if (sameMachine(url).hostname === location.hostname) return openLiff(url);
    window.open(url.href, '_blank', 'noopener');
  }

  function openLiff(url) {
    api('GET', '/users/' + st.userId + '/id-token').then(function (res) {
      url.searchParams.set('simUserId', st.userId);
      // LINE's language for this simulated user, as liff.getAppLanguage() reports it in LINE.
      var u = user();
      if (u && u.language && !url.searchParams.has('lang')) url.searchParams.set('lang', u.language);
      url.searchParams.set('simIdToken', res.idToken);
      $('liff-frame').src = url.href;
      $('liff-url').textContent = url.pathname;
      $('liff').hidden = false;
    }, fail);
  }
  function closeLiff() { $('liff').hidden = true; $('liff-frame').src = 'about:blank'; }

  $('user-select').addEventListener('change', function (e) { selectUser(e.target.value); });
  $('follow-btn').addEventListener('click', function () {
    var u = user();
    api('POST', '/users/' + st.userId + (u && u.following ? '/unfollow' : '/follow')).then(function (res) {
      afterAction(res); return refreshUsers();
    }, fail);
  });
  $('composer').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('text-input').value.trim();
    if (!text) return;
    $('text-input').value = '';
    sendText(text);
  });
  $('menu-bar').addEventListener('click', function () { st.menuOpen = !st.menuOpen; renderMenu(); });
  $('liff-close').addEventListener('click', closeLiff);

  selectUser(cfg.initialUser);
})();
`
