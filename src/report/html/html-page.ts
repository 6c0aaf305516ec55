import { createHash } from 'node:crypto'
import { escapeHtml } from './escape-html.js'

export interface HtmlPageOptions {
  title: string
  /** Already-escaped HTML of the body. */
  body: string
  /** Extra CSS appended to the shared style sheet. */
  css?: string
  /** Inline script (trusted, ours): allowed by hash in the page's Content-Security-Policy. */
  script?: string
}

/**
 * One self-contained HTML document: inline CSS and JS, no fonts, images or requests. The
 * Content-Security-Policy forbids every network fetch and runs only our own inline script (by its
 * sha256), so even text that escaped escaping could not execute or phone home.
 */
export function htmlPage(options: HtmlPageOptions): string {
  const { head, tail } = htmlPageParts(options)
  return `${head}${options.body}${tail}`
}

/**
 * The document around the body, for writers that stream the body in pieces (`head`, body chunks,
 * `tail`): the same page as `htmlPage`.
 */
export function htmlPageParts({ title, css = '', script }: Omit<HtmlPageOptions, 'body'>): { head: string; tail: string } {
  const scriptHash = script === undefined ? undefined : createHash('sha256').update(script, 'utf8').digest('base64')
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src data:",
    scriptHash ? `script-src 'sha256-${scriptHash}'` : "script-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  const head = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${css}</style>
</head>
<body>
`
  const tail = `
${script === undefined ? '' : `<script>${script}</script>`}
</body>
</html>
`
  return { head, tail }
}

const BASE_CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#fff;--soft:#f5f7fa;--pass:#17803d;--fail:#c62828;--error:#b45309;--skipped:#6b7280;--mark:#fde68a}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px;width:100%}td{overflow-wrap:anywhere}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
pre{white-space:pre-wrap;word-break:break-word;background:var(--soft);border:1px solid var(--line);padding:8px;margin:4px 0;max-height:420px;overflow:auto}
.muted{color:var(--muted)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px;color:#fff}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}.badge.error{background:var(--error)}.badge.skipped{background:var(--skipped)}
.verdict{font-size:16px;padding:3px 14px}
.s-pass{color:var(--pass)}.s-fail{color:var(--fail)}.s-error{color:var(--error)}.s-skipped{color:var(--skipped)}
mark.f{background:var(--mark);border-bottom:2px solid #d97706;padding:0 1px}
.warn{background:#fff7ed;border:1px solid #fdba74;padding:8px 12px;margin:10px 0}
.bad{background:#fef2f2;border:1px solid #fca5a5;padding:8px 12px;margin:10px 0}
.ok{background:#f0fdf4;border:1px solid #86efac;padding:8px 12px;margin:10px 0}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
@media print{body{padding:0}pre{max-height:none}}
`
