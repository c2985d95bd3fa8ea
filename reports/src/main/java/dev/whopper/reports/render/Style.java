package dev.whopper.reports.render;

/** The page's inline CSS and its one small script (the copy buttons). System fonts only: nothing is fetched. */
final class Style {
    private Style() { }

    static final String CSS = """
        :root { --pass: #1b7f3b; --fail: #b3261e; --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --bg: #fafbfc; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        main { max-width: 1200px; margin: 0 auto; padding: 0 16px 32px; }
        header.verdict { padding: 18px 24px; color: #fff; }
        header.verdict.pass { background: var(--pass); }
        header.verdict.fail { background: var(--fail); }
        header.verdict h1 { margin: 0; font-size: 28px; letter-spacing: .04em; }
        header.verdict p { margin: 4px 0 0; }
        header .warning { background: rgba(0,0,0,.18); padding: 2px 8px; border-radius: 4px; display: inline-block; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 16px 0; padding: 12px 16px; }
        h2 { margin: 0 0 8px; font-size: 18px; }
        h3 { margin: 12px 0 6px; font-size: 15px; }
        table { border-collapse: collapse; margin: 4px 0 8px; }
        th, td { border-bottom: 1px solid var(--line); padding: 3px 10px; text-align: left; vertical-align: top; }
        thead th { background: #f1f3f5; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        .cols { display: flex; flex-wrap: wrap; gap: 24px; }
        .note, .none { color: var(--muted); }
        .mono, code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
        .repro { display: flex; align-items: center; gap: 8px; }
        .repro pre { margin: 0; padding: 8px 10px; background: #f1f3f5; border-radius: 6px; overflow-x: auto; flex: 1; white-space: pre-wrap; word-break: break-all; }
        button.copy { padding: 6px 14px; border: 1px solid #888; border-radius: 6px; background: #fff; cursor: pointer; }
        button.copy:hover { background: #eef; }
        .copied { color: var(--pass); min-width: 5em; }
        .wall { border-bottom: 1px dotted var(--muted); }
        .wall-key { border-bottom: 1px dotted var(--muted); }
        tr.held td.status { color: var(--pass); font-weight: 600; }
        tr.violated td.status { color: var(--fail); font-weight: 600; }
        tr.skipped td.status { color: #8a6d00; font-weight: 600; }
        tr.crashrow td { color: var(--fail); }
        .violation { border-left: 4px solid var(--fail); background: #fdf0ef; padding: 6px 12px; margin: 8px 0; }
        .violation .message { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
        details { margin: 6px 0; }
        summary { cursor: pointer; color: #0b57d0; }
        tr.offending td { background: #fde7e5; }
        ul.blamed { margin: .4em 0; padding-left: 1.2em; }
        ul.blamed li { border-left: 3px solid var(--fail); padding-left: .4em; margin: .15em 0; list-style: none; }
        ul.blamed li.guessed { border-left-style: dashed; }
        td.value { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; word-break: break-word; max-width: 560px; }
        .swim { display: flex; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
        .swim svg.lanelabels { flex: none; border-right: 1px solid var(--line); background: #fff; }
        .lanes { overflow-x: auto; flex: 1; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        svg.timeline { max-width: none; }
        svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
        svg text.lane { fill: var(--ink); font-weight: 600; }
        svg text.legend { fill: var(--ink); }
        svg .grid { stroke: #eceef1; }
        svg .axisline, svg .laneline { stroke: #c4c8ce; }
        svg .series { stroke-width: 2; }
        svg .fault { fill: #e69f00; }
        svg .crash { stroke: var(--fail); stroke-width: 2; }
        svg rect.op { fill: #dbe8f7; stroke: #8fb3de; }
        svg rect.op.open { stroke-dasharray: 3 2; }
        svg rect.op.offending { fill: #f9d3cf; stroke: var(--fail); stroke-width: 2; }
        svg .ev { stroke: #fff; stroke-width: 1; }
        svg .ev.op_start { fill: #0072b2; }
        svg .ev.done { fill: var(--pass); }
        svg .ev.failed { fill: var(--fail); }
        svg .ev.yield { fill: #9aa0a6; }
        svg .ev.blocked { fill: #5f6368; }
        svg .ev.sleep { fill: #fff; stroke: #5f6368; }
        svg .ev.io_submit { fill: #56b4e9; }
        svg .ev.io_complete { fill: #0072b2; }
        svg .ev.io_failed { fill: var(--fail); }
        svg .ev.fault { fill: #e69f00; stroke: #8a5a00; }
        svg line.ev.crash { stroke: var(--fail); stroke-width: 3; }
        svg line.ev.recovery { stroke: var(--pass); stroke-width: 2; }
        svg line.ev.faults_end { stroke: #5f6368; stroke-dasharray: 4 3; }
        svg .ev.offending { stroke: var(--fail); stroke-width: 2.5; }
        svg .violation { stroke: var(--fail); stroke-width: 2; stroke-dasharray: 6 4; }
        footer { text-align: center; color: var(--muted); padding: 8px 16px 24px; font-size: 12px; }
        """;

    static final String SCRIPT = """
        (function () {
          // a timeline ends where the run failed: show its end first
          document.querySelectorAll('.lanes').forEach(function (lanes) { lanes.scrollLeft = lanes.scrollWidth; });
          function copied(status, ok) { if (status) { status.textContent = ok ? 'Copied' : 'Select and copy'; } }
          document.querySelectorAll('button.copy').forEach(function (button) {
            button.addEventListener('click', function () {
              var source = document.getElementById(button.getAttribute('data-copy'));
              var status = document.getElementById('copy-status');
              var text = source ? source.textContent : '';
              function fallback() {
                var area = document.createElement('textarea');
                area.value = text;
                document.body.appendChild(area);
                area.select();
                var ok = false;
                try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
                document.body.removeChild(area);
                copied(status, ok);
              }
              if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(text).then(function () { copied(status, true); }, fallback);
              } else {
                fallback();
              }
            });
          });
        })();
        """;
}
