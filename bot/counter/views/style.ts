/**
 * The counter's look: a wide desk screen read at arm's length. Large type, strong contrast
 * (every text colour passes WCAG AA on its background), a thick focus ring, and results in
 * colour *and* words, so nothing depends on colour alone. Columns give way to one column at
 * large text or zoom (min(…, 100%)), so no page scrolls sideways (WCAG 1.4.10).
 */
export const counterCss = `
:root{color-scheme:light;--fg:#111;--muted:#3d3d3d;--accent:#005a2b;--bad:#9b0019;--warn:#6b4400;--bg:#fff;--soft:#f3f5f4;--line:#9a9a9a;--focus:#0b57d0}
*{box-sizing:border-box}
body{margin:0;font:1.125rem/1.6 system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP",sans-serif;line-break:strict;color:var(--fg);background:var(--bg)}
a{color:#0a4a9e}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
header.bar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.6rem 1.25rem;background:var(--accent);color:#fff}
header.bar a,header.bar .who{color:#fff}
header.bar .brand{font-weight:700;font-size:1.25rem;margin-right:auto}
header.bar nav{display:flex;flex-wrap:wrap;gap:.25rem .5rem}
header.bar nav a{font-weight:700;padding:.35rem .6rem;border-radius:.4rem;word-break:keep-all}
header.bar .who,header.bar .brand{word-break:auto-phrase}
header.bar nav a[aria-current=page]{background:#fff;color:var(--accent)}
header.bar form{margin:0}
header.bar button{margin:0;min-height:2.5rem;padding:.35rem .9rem;background:#fff;color:var(--accent);width:auto;font-size:1rem}
main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 4rem}
h1{font-size:1.75rem;margin:.75rem 0}
h2{font-size:1.35rem;margin:1.75rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
.grid{display:grid;gap:1.25rem;grid-template-columns:repeat(auto-fit,minmax(min(20rem,100%),1fr))}
.panel{border:2px solid var(--line);border-radius:.6rem;padding:1rem 1.25rem;background:var(--soft)}
label{display:block;font-weight:700;font-size:1.2rem}
.hint{display:block;font-weight:400;color:var(--muted);font-size:1rem}
input,select{font:inherit;font-size:1.5rem;padding:.5rem .75rem;border:2px solid #555;border-radius:.5rem;width:100%;background:#fff;color:var(--fg)}
select{font-size:1.2rem}
.scan{display:flex;gap:.5rem;align-items:stretch;margin-top:.35rem}
.scan{flex-wrap:wrap}
.find{margin-top:1.25rem}
.scan input{flex:1 1 12rem;min-width:0}
button{font:inherit;font-weight:700;font-size:1.15rem;min-height:3rem;padding:.5rem 1.1rem;border:2px solid var(--accent);border-radius:.5rem;background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
:focus-visible,input:focus,select:focus,button:focus{outline:4px solid var(--focus);outline-offset:2px}
.msg{border-left:.5rem solid;padding:.75rem 1rem;margin:1rem 0;font-size:1.2rem}
.msg strong{font-size:1.35rem}
.ok{border-color:var(--accent);background:#e6f4ea}
.error{border-color:var(--bad);background:#fdecef;color:#4d000c}
.hold{border-color:var(--warn);background:#fff4d6;color:#3b2600}
.hold strong{font-size:1.6rem}
.block{border-color:var(--bad);background:#fdecef;color:#4d000c}
.table-scroll{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:.45rem .5rem;text-align:left;vertical-align:top;word-break:auto-phrase}
th{background:var(--soft)}
td form{display:inline}
td button{min-height:2.5rem;font-size:1rem;margin:.1rem .5rem .1rem 0}
td button.apart{margin-left:1.5rem}
.late{color:var(--bad);font-weight:700}
.tag{display:inline-block;border:2px solid currentColor;border-radius:.3rem;padding:0 .4rem;font-size:.95rem;font-weight:700}
.patron{display:flex;flex-wrap:wrap;gap:.25rem 2rem;align-items:baseline}
.patron .name{font-size:1.75rem;font-weight:700}
.clock{border:3px dashed var(--warn);background:#fff8e5;padding:.6rem 1rem;margin:1rem 0;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.clock form{margin:0}
.clock .now{font-size:1.3rem;font-weight:700}
.empty{color:var(--muted)}
.facts{margin:0;padding:0;list-style:none;font-size:0.95rem;line-height:1.5}
.camera video{max-width:100%;width:22rem;border:2px solid var(--line);border-radius:.5rem;margin-top:.5rem}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end}
.filters label{flex:1;min-width:min(14rem,100%)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.stats-figures{display:flex;flex-wrap:wrap;gap:1rem 2rem;margin:1rem 0}
.stats-figures dt{color:var(--muted)}
.stats-figures dd{margin:0;font-size:1.6rem;font-weight:700}
.stats-chart{border-top:1px solid var(--line);margin-top:1.5rem}
.stats-head{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;justify-content:space-between}
.stats-svg{overflow-x:auto}
.stats-svg svg{max-width:100%;height:auto}
.stats-table{overflow-x:auto}
.box{break-inside:avoid}
@media print{header.bar,.clock,.noprint,.skip{display:none}main{max-width:none;padding:0}.box{break-after:page}.msg{display:none}}
`
