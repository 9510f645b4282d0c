/**
 * A small API reference page over /api/openapi.json: methods, paths, summaries and who may
 * call each route. The script is served as a file so the page works under a strict CSP.
 */
export const docsHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Opvang API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:0 .25rem}.m{display:inline-block;width:4.5rem;font-weight:bold}
details{border-bottom:1px solid #ddd;padding:.5rem 0}pre{background:#f7f7f7;padding:.5rem;overflow:auto}</style>
</head><body><h1>Opvang API</h1>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors share one shape:
<code>{"error":{"code","message","issues":[{"path","code","message"}]}}</code>. Changing requests need the
<code>X-CSRF-Token</code> header carrying the <code>opvang_csrf</code> cookie.</p>
<div id="ops">Loading…</div><script src="/api/docs.js"></script></body></html>`;

export const docsJs = `fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
const root=document.getElementById('ops');root.textContent='';
for(const [path,ops] of Object.entries(doc.paths)){for(const [method,op] of Object.entries(ops)){
const d=document.createElement('details');const s=document.createElement('summary');
const a=op['x-opvang-access']||{};
s.innerHTML='<span class="m"></span><code></code> ';s.children[0].textContent=method.toUpperCase();
s.children[1].textContent=path;s.append(op.summary||'');
const p=document.createElement('p');p.textContent='Access: '+(a.scope||'?')+(a.roles&&a.roles.length?' ('+a.roles.join(', ')+')':'');
const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
d.append(s,p,pre);root.append(d);}}});`;
