/** Styles for the try-it page: a phone-sized LINE-like chat beside a LIFF panel. */
export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK JP","Hiragino Sans",system-ui,sans-serif;background:#e9edf2;color:#111}
header.sim{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 16px;background:#06c755;color:#fff}
header.sim h1{font-size:1.05rem;margin:0 12px 0 0}
header.sim label{font-size:.9rem}
header.sim select,header.sim button{font:inherit;font-size:.9rem;padding:4px 8px;border-radius:6px;border:0}
header.sim .status{font-size:.85rem;opacity:.9}
.layout{display:flex;gap:20px;justify-content:center;align-items:flex-start;padding:20px;flex-wrap:wrap}
.phone{width:375px;height:720px;background:#fff;border-radius:28px;border:10px solid #222;display:flex;flex-direction:column;overflow:hidden}
.phone .title{background:#273246;color:#fff;padding:10px 14px;font-weight:bold;font-size:.95rem}
.messages{flex:1;overflow-y:auto;background:#8cabd9;padding:10px 8px;display:flex;flex-direction:column;gap:8px}
.messages>*{flex:none}
.row{display:flex;align-items:flex-end;gap:4px}
.row.user{justify-content:flex-end}
.bubble{max-width:78%;padding:8px 11px;border-radius:16px;background:#fff;white-space:pre-wrap;word-break:break-word;font-size:.92rem;line-height:1.45}
.row.user .bubble{background:#9de693}
.note{align-self:center;font-size:.75rem;color:#fff;background:#0003;border-radius:10px;padding:2px 10px}
.undelivered{font-size:.7rem;color:#fff}
.card{background:#fff;border-radius:14px;overflow:hidden;width:250px;font-size:.9rem}
.card img{width:100%;display:block}
.card .card-body{padding:10px 12px}
.card .card-title{font-weight:bold;margin-bottom:4px}
.card .actions{display:flex;flex-direction:column;border-top:1px solid #eee}
.card .actions.confirm{flex-direction:row}
.card .actions button{flex:1;background:none;border:0;border-top:1px solid #eee;padding:10px;color:#2a6ed6;font:inherit;cursor:pointer}
.carousel{display:flex;gap:8px;overflow-x:auto;max-width:100%;padding-bottom:4px}
.quick-replies{display:flex;gap:6px;overflow-x:auto;padding:6px 8px;background:#8cabd9}
.quick-replies:empty{display:none}
.quick-replies button{flex:none;border:1px solid #06c755;color:#06a045;background:#fff;border-radius:16px;padding:6px 12px;font:inherit;font-size:.85rem;cursor:pointer}
.composer{display:flex;gap:6px;padding:8px;border-top:1px solid #ddd;background:#fff}
.composer input{flex:1;font:inherit;padding:8px 10px;border:1px solid #ccc;border-radius:18px}
.composer button{font:inherit;border:0;background:#06c755;color:#fff;border-radius:18px;padding:0 14px;cursor:pointer}
.menu-bar{border:0;border-top:1px solid #ddd;background:#fafafa;padding:8px;font:inherit;font-size:.85rem;cursor:pointer}
.richmenu{position:relative;line-height:0}
.richmenu img{width:100%;display:block}
.richmenu button{position:absolute;background:transparent;border:0;cursor:pointer;padding:0}
.richmenu button:hover,.richmenu button:focus-visible{background:#fff4;outline:2px solid #06c755}
.liff{width:400px;height:720px;background:#fff;border-radius:12px;display:flex;flex-direction:column;overflow:hidden;box-shadow:0 2px 8px #0002}
.liff[hidden]{display:none}
.liff .liff-bar{display:flex;justify-content:space-between;align-items:center;padding:8px 12px;background:#273246;color:#fff;font-size:.85rem}
.liff .liff-bar button{font:inherit;border:0;border-radius:6px;padding:2px 10px;cursor:pointer}
.liff iframe{flex:1;border:0;width:100%}
.fx-bubble{background:#fff;border-radius:14px;overflow:hidden;width:260px;font-size:.88rem;flex:none}
.fx-box{display:flex;min-width:0}
.fx-vertical{flex-direction:column}
.fx-horizontal,.fx-baseline{flex-direction:row}
.fx-baseline{align-items:baseline}
.fx-text{min-width:0;word-break:break-word}
.fx-button{border:0;border-radius:8px;padding:9px;font:inherit;cursor:pointer;width:100%}
.fx-primary{background:#06c755;color:#fff}
.fx-secondary{background:#eef0f3;color:#111}
.fx-link{background:none;color:#2a6ed6}
.fx-separator{border:0;border-top:1px solid #ddd;margin:0;width:100%}
.fx-image{max-width:100%;display:block}
.fx-icon{width:1em;height:1em}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.scan{border:0;border-radius:12px;padding:16px;max-width:340px;box-shadow:0 4px 16px #0004}
.scan::backdrop{background:#0006}
.scan form{display:flex;flex-direction:column;gap:8px}
.scan h2{font-size:1rem;margin:0}
.scan-actions{display:flex;gap:8px}
.scan-actions button{flex:1;font:inherit;padding:8px;border-radius:8px;border:1px solid #ccc;cursor:pointer}
`
