/** The dashboard's only stylesheet and script, served by dutyloop itself (no CDN). */
export const stylesheet = `
:root{--ink:#1d2433;--muted:#667085;--line:#e4e7ec;--bg:#f6f7fb;--card:#fff;--accent:#4f46e5;--accent-soft:#eef2ff;--good:#12b76a;--warn:#f79009;--bad:#d92d20;--t2:#0ea5e9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header.top{background:#111827;color:#fff;padding:0 24px;display:flex;align-items:center;gap:28px;height:56px}
header.top .brand{font-weight:700;font-size:18px;color:#fff;letter-spacing:.2px}
header.top nav{display:flex;gap:4px;flex:1}
header.top nav a{color:#cbd5e1;padding:6px 12px;border-radius:8px}
header.top nav a.on,header.top nav a:hover{background:#1f2937;color:#fff;text-decoration:none}
header.top .who{color:#94a3b8;font-size:13px;display:flex;gap:10px;align-items:center}
header.top .who button{background:none;border:1px solid #475569;color:#cbd5e1;border-radius:6px;padding:3px 10px;cursor:pointer}
main{max-width:1180px;margin:0 auto;padding:28px 24px 60px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:0 0 12px}
.sub{color:var(--muted);margin:0 0 22px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 20px;margin-bottom:20px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.grid{display:grid;gap:20px}.g2{grid-template-columns:1fr 1fr}.g3{grid-template-columns:repeat(3,1fr)}.g4{grid-template-columns:repeat(4,1fr)}
@media (max-width:860px){.g2,.g3,.g4{grid-template-columns:1fr}}
.stat .n{font-size:28px;font-weight:700}.stat .l{color:var(--muted);font-size:13px}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:9px 10px;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);font-weight:600;white-space:nowrap}
th a{color:var(--muted)}th a.on{color:var(--ink)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:hover td{background:#fafbff}
.pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;background:#f2f4f7;color:#344054}
.pill.open{background:#ecfdf3;color:#027a48}.pill.closed{background:#f4f3ff;color:#5925dc}
.pill.resolved{background:#f4f3ff;color:#5925dc}.pill.claimed{background:#fffaeb;color:#b54708}
.pill.swap{background:#fff4ed;color:#c4320a}.pill.off{background:#f0f9ff;color:#026aa2}.pill.now{background:var(--accent);color:#fff}
.up{color:var(--good);font-weight:600}.down{color:var(--muted)}.flat{color:var(--muted)}
.tabs{display:inline-flex;background:#eaecf0;border-radius:10px;padding:3px;gap:2px;margin-bottom:16px}
.tabs a{padding:5px 14px;border-radius:8px;color:#344054;font-weight:500}
.tabs a.on{background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.08);text-decoration:none}
.toolbar{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:10px}
.btn{display:inline-block;border:1px solid var(--line);background:#fff;border-radius:8px;padding:6px 14px;color:#344054;font-weight:500}
.muted{color:var(--muted)}.small{font-size:13px}
.key{font-family:ui-monospace,Menlo,monospace;font-size:12px;color:var(--muted)}
.bar{height:10px;border-radius:5px;background:var(--accent)}
.hero{background:linear-gradient(120deg,#4f46e5,#0ea5e9);color:#fff;border:0}
.hero .n{font-size:40px;font-weight:800}.hero .l{opacity:.9}
.rank{display:inline-flex;width:26px;height:26px;border-radius:50%;align-items:center;justify-content:center;font-weight:700;font-size:13px;background:#f2f4f7;color:#475467}.rank.r1{background:#fde68a;color:#92400e}.rank.r2{background:#e5e7eb;color:#374151}.rank.r3{background:#fed7aa;color:#9a3412}
.period{display:grid;grid-template-columns:180px 160px 1fr;gap:14px;align-items:center;padding:12px 14px;border-bottom:1px solid var(--line)}
.period.now{background:var(--accent-soft);border-left:4px solid var(--accent)}
.period.past{opacity:.75}
.period .team{font-weight:700}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{background:#f2f4f7;border-radius:6px;padding:2px 8px;font-size:13px}
.chip.standin{background:#f0f9ff;color:#026aa2}
.legend{display:flex;gap:16px;font-size:13px;color:var(--muted)}
.legend i{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:5px;vertical-align:-1px}
svg text{font:11px system-ui,sans-serif;fill:#667085}
.error{max-width:560px;margin:60px auto;text-align:center}
.error .code{font-size:56px;font-weight:800;color:var(--accent)}
.quote{color:#344054;max-width:420px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.signin{display:inline-flex;align-items:center;gap:10px;background:#4a154b;color:#fff;padding:10px 22px;border-radius:8px;font-weight:600}
`;

/** Enhancement only (every page works without it): a whole demand-board row opens its issue. */
export const script = `
document.querySelectorAll('tr[data-href]').forEach(function(r){
  r.style.cursor='pointer';
  r.addEventListener('click',function(e){if(!e.target.closest('a'))location.href=r.getAttribute('data-href')});
});
`;
