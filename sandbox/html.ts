/** Minimal HTML helpers: escaping and one shared page layout with inline CSS (no external assets). */

export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
header{background:#1d2330;color:#fff;padding:.75rem 1.5rem;font-size:.9rem}
header strong{color:#7fd1ae}
main{max-width:60rem;margin:2rem auto;padding:0 1rem}
.card{background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:1.5rem}
h1{margin-top:0;font-size:1.5rem} h2{font-size:1.15rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem} dt{font-weight:600} dd{margin:0;word-break:break-all}
button{font:inherit;padding:.55rem 1.1rem;border-radius:6px;border:1px solid #8a93a6;background:#fff;cursor:pointer;margin:.25rem .4rem .25rem 0}
button.primary{background:#1f7a54;border-color:#1f7a54;color:#fff}
button.danger{border-color:#b3261e;color:#b3261e}
table{border-collapse:collapse;width:100%;font-size:.85rem} th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e3e6ec;vertical-align:top}
td form{margin:0} code{font-size:.85em;word-break:break-all}
.status{display:inline-block;padding:.1rem .5rem;border-radius:999px;background:#e3e6ec;font-size:.85rem}
.muted{color:#5d6678;font-size:.85rem}
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><header><strong>EasyFreelance sandbox</strong> &mdash; a local imitation for development and tests, not the real service</header>
<main>${body}</main></body></html>`;
}

export function notFoundPage(what = "Page"): string {
  return page("404 Not Found", `<div class="card"><h1>404 &mdash; ${esc(what)} not found</h1><p><a href="/_sandbox">Sandbox admin</a></p></div>`);
}
