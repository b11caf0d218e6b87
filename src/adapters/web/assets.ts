/** The dashboard's only stylesheet and script, served by dutyloop itself (no CDN). */
export const stylesheet = `
:root{--ink:#1d2433;--muted:#5b6476;--line:#e4e7ec;--bg:#f6f7fb;--card:#fff;--accent:#4f46e5;--accent-soft:#eef2ff;--good:#067647;--warn:#f79009;--bad:#d92d20;--t2:#0ea5e9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
/* Keyboard users always see where they are; the dark header needs a lighter ring. */
:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:4px}
header.top :focus-visible{outline-color:#a5b4fc}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
header.top{background:#111827;color:#fff;padding:8px 24px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 28px;min-height:56px}
header.top .brand{font-weight:700;font-size:18px;color:#fff;letter-spacing:.2px}
header.top nav{display:flex;flex-wrap:wrap;gap:4px;flex:1}
header.top nav a{color:#cbd5e1;padding:6px 12px;border-radius:8px}
header.top nav a.on,header.top nav a:hover{background:#1f2937;color:#fff;text-decoration:none}
header.top .who{color:#cbd5e1;margin-left:auto;font-size:13px;display:flex;gap:10px;align-items:center}
header.top .who button{background:none;border:1px solid #475569;color:#cbd5e1;border-radius:6px;padding:3px 10px;cursor:pointer}
main{max-width:1180px;margin:0 auto;padding:28px 24px 60px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:0 0 12px}
.sub{color:var(--muted);margin:0 0 22px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 20px;margin-bottom:20px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.grid{display:grid;gap:20px}.g2{grid-template-columns:1fr 1fr}.g3{grid-template-columns:repeat(3,1fr)}.g4{grid-template-columns:repeat(4,1fr)}
/* A grid cell may shrink below its content's width, so a wide table scrolls in its card instead of widening the page. */
.grid>*{min-width:0}
.grid{margin-bottom:20px}.grid>.card{margin-bottom:0}
@media (max-width:860px){.g2,.g3{grid-template-columns:1fr}.g4{grid-template-columns:1fr 1fr}}
.stat .n{font-size:28px;font-weight:700}.stat .l{color:var(--muted);font-size:13px}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:9px 10px;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);font-weight:600;white-space:nowrap}
th a{color:var(--muted)}th a.on{color:var(--ink)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:hover td{background:#fafbff}
tr[data-href]{cursor:pointer}
.scroll{overflow-x:auto;max-width:100%}
/* On a phone a table keeps readable columns and scrolls sideways inside its card. */
.scroll>table{min-width:600px}
#demand td:nth-child(2){min-width:200px}

.pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;background:#f2f4f7;color:#344054}
.pill.open{background:#ecfdf3;color:#027a48}.pill.closed{background:#f4f3ff;color:#5925dc}
.pill.resolved{background:#f4f3ff;color:#5925dc}.pill.claimed{background:#fffaeb;color:#b54708}
.pill.swap{background:#fff4ed;color:#c4320a}.pill.off{background:#f0f9ff;color:#026aa2}.pill.now{background:var(--accent);color:#fff}
.up{color:var(--good);font-weight:600}.down{color:var(--muted)}.flat{color:var(--muted)}
.tabs{display:inline-flex;flex-wrap:wrap;background:#eaecf0;border-radius:10px;padding:3px;gap:2px;margin-bottom:16px}
.tabs a{padding:5px 14px;border-radius:8px;color:#344054;font-weight:500}
.tabs a.on{background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.08);text-decoration:none}
.toolbar{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:10px}
.btn{display:inline-block;border:1px solid var(--line);background:#fff;border-radius:8px;padding:6px 14px;color:#344054;font-weight:500}
.muted{color:var(--muted)}.small{font-size:13px}
.key{font-family:ui-monospace,Menlo,monospace;font-size:12px;color:var(--muted)}
/* Runbooks: a long link or word wraps instead of widening the page, links in running text are underlined (not told by colour alone), code keeps its lines and scrolls in its box. */
.prose{overflow-wrap:anywhere}.prose p a,.prose li a{text-decoration:underline}.prose pre{margin:0 0 12px;padding:10px 12px;background:var(--bg);border-radius:8px;font-size:13px}
.bar{height:10px;border-radius:5px;background:var(--accent)}
.hero{background:linear-gradient(120deg,#4338ca,#0369a1);color:#fff;border:0}
.hero .n{font-size:40px;font-weight:800}.hero .l{opacity:.9}
.rank{display:inline-flex;width:26px;height:26px;border-radius:50%;align-items:center;justify-content:center;font-weight:700;font-size:13px;background:#f2f4f7;color:#475467}.rank.r1{background:#fde68a;color:#92400e}.rank.r2{background:#e5e7eb;color:#374151}.rank.r3{background:#fed7aa;color:#9a3412}
.period{display:grid;grid-template-columns:180px 160px 1fr;gap:14px;align-items:center;padding:12px 14px;border-bottom:1px solid var(--line)}
.period.now{background:var(--accent-soft);border-left:4px solid var(--accent)}
#now{scroll-margin-top:12px}
.period.past{background:#fafbfc}
.past-periods>summary{padding:12px 14px;border-bottom:1px solid var(--line);cursor:pointer;color:var(--muted);font-weight:600}
.card.timeline{padding:0}
.period .team{font-weight:700}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{background:#f2f4f7;border-radius:6px;padding:2px 8px;font-size:13px}
.chip.standin{background:#f0f9ff;color:#026aa2}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px;color:var(--muted)}
.legend svg{margin-right:5px;vertical-align:-1px}
.legend.keyed{margin-bottom:12px}
svg text{font:11px system-ui,sans-serif;fill:var(--muted)}
svg text.target{fill:#b42318}
.chart-fig{margin:0}
.chart-data{margin-top:8px;font-size:13px}.chart-data summary{cursor:pointer;color:var(--accent)}.chart-data table{margin-top:6px}.chart-data th,.chart-data td{padding:4px 8px}
.hbars td.l{width:38%}.hbars td.num{width:60px}.hbars svg{display:block}
.error{max-width:560px;margin:60px auto;text-align:center}
.error .code{font-size:56px;font-weight:800;color:var(--accent)}
.quote{color:#344054;max-width:420px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.signin{display:inline-flex;align-items:center;gap:10px;background:#4a154b;color:#fff;padding:10px 22px;border-radius:8px;font-weight:600}
/* Phones: the header's links move to a line of their own, cards and periods stack. */
@media (max-width:600px){
header.top{padding:8px 12px;gap:6px 12px}
header.top nav{order:3;flex-basis:100%;gap:2px}
header.top nav a{padding:6px 8px}
main{padding:20px 12px 48px}
.card{padding:14px}
.grid{gap:12px}
.tabs a{padding:5px 10px}
.period{grid-template-columns:1fr;gap:6px}
.quote{max-width:60vw}
.hero .n{font-size:32px}
}
`;

/**
 * The public rating page's own small stylesheet, inline so the page loads nothing else;
 * the CSP allows exactly this block by its hash (no characters HTML escaping would change).
 */
export const rateStylesheet = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d1c1d}
button{display:block;width:100%;margin:.4rem 0;padding:.7rem;font-size:1rem;border:1px solid #ccc;border-radius:6px;background:#fff;cursor:pointer;text-align:left}
button:hover{background:#f4f4f4}textarea{width:100%;min-height:5rem;margin:.5rem 0;font:inherit}
:focus-visible{outline:3px solid #4f46e5;outline-offset:2px}`;

/** Enhancement only (every page works without it): a whole demand-board row opens its issue. */
export const script = `
document.querySelectorAll('tr[data-href]').forEach(function(r){
  r.addEventListener('click',function(e){if(!e.target.closest('a'))location.href=r.getAttribute('data-href')});
});
`;
