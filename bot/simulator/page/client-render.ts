/**
 * Browser script (plain JS, served as text: no build step) that turns LINE message objects
 * into readable HTML: text bubbles, template buttons/confirm/carousel cards and Flex bubbles.
 * It builds DOM nodes, never HTML strings, so message text cannot inject markup.
 * Defines `window.simRender(message, onAction)`.
 */
export const CLIENT_RENDER_JS = `
(function () {
  'use strict';
  function h(tag, attrs) {
    var el = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      if (k === 'style') Object.assign(el.style, a.style);
      else if (k === 'text') el.textContent = a.text;
      else if (k === 'onclick') el.addEventListener('click', a.onclick);
      else if (a[k] !== undefined && a[k] !== null) el.setAttribute(k, a[k]);
    });
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) el.appendChild(arguments[i]);
    return el;
  }
  var SIZES = { xxs: '10px', xs: '11px', sm: '13px', md: '14px', lg: '17px', xl: '19px', xxl: '22px',
    '3xl': '26px', '4xl': '30px', '5xl': '36px' };
  var SPACES = { none: '0', xs: '2px', sm: '4px', md: '8px', lg: '12px', xl: '16px', xxl: '20px' };
  function space(v) { return v === undefined ? undefined : (SPACES[v] || v); }
  function actionLabel(a) { return (a && (a.label || a.text || a.data || a.uri)) || ''; }

  function actionButton(action, onAction, cls) {
    return h('button', { type: 'button', class: cls || '', text: actionLabel(action),
      onclick: function () { onAction(action); } });
  }

  function flex(node, onAction) {
    if (!node || typeof node !== 'object') return null;
    var el;
    switch (node.type) {
      case 'bubble': return flexBubble(node, onAction);
      case 'carousel': {
        el = h('div', { class: 'carousel' });
        (node.contents || []).forEach(function (b) { el.appendChild(flexBubble(b, onAction)); });
        return el;
      }
      case 'box': {
        el = h('div', { class: 'fx-box fx-' + (node.layout || 'vertical') });
        var gap = space(node.spacing);
        (node.contents || []).forEach(function (child, i) {
          var c = flex(child, onAction);
          if (!c) return;
          if (i > 0 && gap) c.style[node.layout === 'vertical' ? 'marginTop' : 'marginLeft'] = gap;
          el.appendChild(c);
        });
        break;
      }
      case 'text': {
        el = h('div', { class: 'fx-text' });
        if (Array.isArray(node.contents) && node.contents.length) {
          node.contents.forEach(function (s) { el.appendChild(flex(s, onAction)); });
        } else el.textContent = node.text || '';
        el.style.fontSize = SIZES[node.size] || node.size || '';
        el.style.fontWeight = node.weight === 'bold' ? 'bold' : '';
        el.style.color = node.color || '';
        el.style.textAlign = node.align || '';
        el.style.whiteSpace = node.wrap ? 'pre-wrap' : 'nowrap';
        if (!node.wrap) { el.style.overflow = 'hidden'; el.style.textOverflow = 'ellipsis'; }
        if (node.decoration === 'line-through') el.style.textDecoration = 'line-through';
        break;
      }
      case 'span': {
        el = h('span', { text: node.text || '' });
        el.style.fontWeight = node.weight === 'bold' ? 'bold' : '';
        el.style.color = node.color || '';
        el.style.fontSize = SIZES[node.size] || node.size || '';
        return el;
      }
      case 'button': {
        el = actionButton(node.action, onAction, 'fx-button fx-' + (node.style || 'link'));
        if (node.color && node.style !== 'link') el.style.background = node.color;
        else if (node.color) el.style.color = node.color;
        if (node.height === 'sm') el.style.padding = '5px';
        break;
      }
      case 'image': {
        el = h('img', { class: 'fx-image', src: node.url, alt: node.altText || '' });
        if (node.aspectRatio) el.style.aspectRatio = String(node.aspectRatio).replace(':', '/');
        el.style.objectFit = node.aspectMode === 'cover' ? 'cover' : 'contain';
        if (node.size === 'full') el.style.width = '100%';
        break;
      }
      case 'icon': el = h('img', { class: 'fx-icon', src: node.url, alt: '' }); break;
      case 'separator': el = h('hr', { class: 'fx-separator' }); if (node.color) el.style.borderColor = node.color; break;
      case 'spacer': el = h('div'); el.style.height = space(node.size) || '8px'; break;
      case 'filler': el = h('div'); el.style.flex = '1'; return el;
      case 'video': el = h('div', { class: 'fx-text', text: '[動画]' }); break;
      default: return h('div', { class: 'fx-text', text: '[' + node.type + ']' });
    }
    if (node.flex !== undefined) el.style.flex = String(node.flex);
    else if (node.type !== 'button' && node.type !== 'separator') el.style.flex = '1 1 auto';
    if (node.margin) el.style.marginTop = space(node.margin);
    if (node.paddingAll) el.style.padding = space(node.paddingAll);
    ['Top', 'Bottom', 'Start', 'End'].forEach(function (side) {
      var v = node['padding' + side];
      if (v) el.style[side === 'Start' ? 'paddingLeft' : side === 'End' ? 'paddingRight' : 'padding' + side] = space(v);
    });
    if (node.backgroundColor) el.style.backgroundColor = node.backgroundColor;
    if (node.cornerRadius) el.style.borderRadius = space(node.cornerRadius);
    if (node.borderWidth) el.style.border = (space(node.borderWidth) || '1px') + ' solid ' + (node.borderColor || '#ddd');
    if (node.width) el.style.width = node.width;
    if (node.justifyContent) el.style.justifyContent = node.justifyContent;
    if (node.alignItems) el.style.alignItems = node.alignItems;
    if (node.action && node.type !== 'button') {
      el.style.cursor = 'pointer';
      el.setAttribute('role', 'button');
      el.setAttribute('tabindex', '0');
      el.addEventListener('click', function () { onAction(node.action); });
    }
    return el;
  }

  function flexBubble(b, onAction) {
    var el = h('div', { class: 'fx-bubble' });
    ['header', 'hero', 'body', 'footer'].forEach(function (part) {
      if (!b[part]) return;
      var c = flex(b[part], onAction);
      if (!c) return;
      var style = (b.styles && b.styles[part]) || {};
      if (style.backgroundColor) c.style.backgroundColor = style.backgroundColor;
      if (part !== 'hero' && !b[part].paddingAll) c.style.padding = '12px';
      if (style.separator) c.style.borderTop = '1px solid #ddd';
      el.appendChild(c);
    });
    return el;
  }

  function templateCard(t, onAction) {
    var card = h('div', { class: 'card' });
    if (t.thumbnailImageUrl) card.appendChild(h('img', { src: t.thumbnailImageUrl, alt: '' }));
    var body = h('div', { class: 'card-body' });
    if (t.title) body.appendChild(h('div', { class: 'card-title', text: t.title }));
    body.appendChild(h('div', { text: t.text || '' }));
    card.appendChild(body);
    var actions = h('div', { class: 'actions' + (t.type === 'confirm' ? ' confirm' : '') });
    (t.actions || []).forEach(function (a) { actions.appendChild(actionButton(a, onAction)); });
    card.appendChild(actions);
    return card;
  }

  function template(t, onAction) {
    if (t.type === 'carousel') {
      var row = h('div', { class: 'carousel' });
      (t.columns || []).forEach(function (col) { row.appendChild(templateCard(col, onAction)); });
      return row;
    }
    if (t.type === 'image_carousel') {
      var imgs = h('div', { class: 'carousel' });
      (t.columns || []).forEach(function (col) {
        var img = h('img', { src: col.imageUrl, alt: actionLabel(col.action), style: { width: '160px', cursor: 'pointer' } });
        img.addEventListener('click', function () { onAction(col.action); });
        imgs.appendChild(img);
      });
      return imgs;
    }
    return templateCard(t, onAction);
  }

  window.simRender = function (m, onAction) {
    switch (m.type) {
      case 'text': return h('div', { class: 'bubble', text: m.text });
      case 'template': return template(m.template || {}, onAction);
      case 'flex': {
        var wrap = h('div', { 'aria-label': m.altText || '' });
        wrap.appendChild(flex(m.contents, onAction));
        return wrap;
      }
      case 'image': return h('img', { src: m.previewImageUrl, alt: '画像', style: { maxWidth: '200px', borderRadius: '12px' } });
      case 'sticker': return h('div', { class: 'bubble', text: '[スタンプ]' });
      default: return h('div', { class: 'bubble', text: '[' + m.type + '] ' + (m.altText || '') });
    }
  };
  window.simH = h;
})();
`
