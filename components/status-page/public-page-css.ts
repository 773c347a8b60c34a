// The public page's whole stylesheet, inlined (the CSP allows inline styles): one request, no build
// asset to go stale behind a CDN. Colours meet WCAG AA contrast on white; status is always also text.
export const PUBLIC_PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,Roboto,sans-serif;color:#0f172a;background:#f8fafc}
.top,main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
.top{display:flex;align-items:center;gap:.75rem;padding-top:1.5rem}
.logo{max-height:2.5rem;max-width:10rem}
.page-name{font-weight:600;font-size:1.125rem;margin:0}
h1.headline{margin:1.25rem 0;padding:1rem;border-radius:.5rem;font-size:1.375rem;color:#fff;background:#15803d}
.headline-degraded_performance{background:#a16207!important}
.headline-partial_outage{background:#c2410c!important}
.headline-major_outage{background:#b91c1c!important}
.headline-under_maintenance{background:#1d4ed8!important}
h2{font-size:1.125rem;margin:2rem 0 .75rem}
h3{font-size:1rem;margin:0 0 .5rem}
section{overflow-wrap:anywhere}
.group{margin-bottom:1rem}
.components{list-style:none;margin:0;padding:0;background:#fff;border:1px solid #cbd5e1;border-radius:.5rem}
.components li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding:.75rem 1rem;border-top:1px solid #e2e8f0}
.components li:first-child{border-top:0}
.component-name{font-weight:500}
.description{display:block;font-weight:400;font-size:.875rem;color:#475569}
.status{font-size:.875rem;font-weight:600}
.status-operational{color:#166534}
.status-degraded_performance{color:#854d0e}
.status-partial_outage{color:#9a3412}
.status-major_outage{color:#991b1b}
.status-under_maintenance{color:#1e40af}
.incident{background:#fff;border:1px solid #cbd5e1;border-radius:.5rem;padding:1rem;margin-bottom:1rem}
.affected{font-size:.875rem;margin:0 0 .5rem}
.updates{list-style:none;margin:0;padding:0}
.updates li{border-top:1px solid #e2e8f0;padding:.5rem 0}
.update-head{margin:0;font-size:.875rem;color:#334155}
.markdown p{margin:.25rem 0}
a{color:#0369a1}
.subscribe fieldset{border:1px solid #e2e8f0;border-radius:.375rem;margin:.5rem 0}
.subscribe label{display:inline-block;margin:.25rem .75rem .25rem 0}
.choices{list-style:none;margin:0;padding:0 0 0 1.5rem}
input[type=email]{padding:.375rem;border:1px solid #64748b;border-radius:.25rem;min-width:16rem;max-width:100%}
button{padding:.375rem .75rem;border:1px solid #0369a1;background:#0369a1;color:#fff;border-radius:.25rem;cursor:pointer}
footer{padding-bottom:2rem;font-size:.875rem;color:#475569}
.local-time{color:#475569}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
