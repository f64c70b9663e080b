/**
 * Browser script for the try-it page: LIFF's `liff.scanCodeV2()` (LINE's code reader). The
 * LIFF app in the panel, in mock mode, asks the page with a postMessage
 * `{ type: 'liff-sim:scanCodeV2', id }`; the page opens its code reader dialog, where the
 * tester picks a photo of a barcode or types the code, and answers the frame with
 * `{ type: 'liff-sim:scanCodeV2:result', id, value }` (typed), `{ …, image }` (a data URL the
 * app's mock decodes, as LINE's reader would decode the camera picture) or `{ …, cancelled }`.
 * LINE resolves scanCodeV2 with `{ value: string }`; the app's mock does the same.
 */
export const CLIENT_SCAN_JS = `
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var pending = null;
  function answer(msg) {
    if (!pending) return;
    msg.type = 'liff-sim:scanCodeV2:result';
    msg.id = pending.id;
    pending.source.postMessage(msg, pending.origin);
    pending = null;
    $('scan-dialog').close();
  }
  window.addEventListener('message', function (e) {
    var frame = $('liff-frame');
    if (!frame || e.source !== frame.contentWindow) return;
    var d = e.data;
    if (!d || d.type !== 'liff-sim:scanCodeV2') return;
    if (pending) answer({ cancelled: true });
    pending = { id: d.id, source: e.source, origin: e.origin };
    $('scan-form').reset();
    $('scan-dialog').showModal();
  });
  $('scan-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var file = $('scan-image').files[0];
    var typed = $('scan-code').value.trim();
    if (!file && !typed) { $('scan-code').focus(); return; }
    if (!file) return answer({ value: typed });
    var reader = new FileReader();
    reader.onload = function () { answer({ image: String(reader.result) }); };
    reader.onerror = function () { answer({ cancelled: true }); };
    reader.readAsDataURL(file);
  });
  $('scan-cancel').addEventListener('click', function () { answer({ cancelled: true }); });
  $('scan-dialog').addEventListener('cancel', function () { answer({ cancelled: true }); });
})();
`
