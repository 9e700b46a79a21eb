/// The console's stylesheet and its one small script, served from `/admin/assets/` (no build step, nothing inline
/// in the pages: the Content-Security-Policy allows only `'self'` for styles and scripts).
enum ConsoleAssets {
    static let css = """
        :root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --accent: #0a58ca; --ok: #116329; --err: #a40e26; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .skip-link { position: absolute; left: -10000px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
        .skip-link:focus { left: .5rem; }
        .console-header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: #f6f8fa; }
        .brand { font-weight: 700; }
        #console-nav { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; flex: 1; }
        #console-nav ul { display: flex; flex-wrap: wrap; gap: .75rem; list-style: none; margin: 0; padding: 0; }
        #console-nav .who { margin-left: auto; color: var(--muted); }
        main { padding: 1rem; max-width: 1400px; }
        h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin-top: 1.5rem; }
        section { margin-bottom: 1.5rem; }
        .flash-ok, .flash-error { padding: .75rem 1rem; border-radius: 6px; margin-bottom: 1rem; }
        .flash-ok { background: #dafbe1; color: var(--ok); border: 1px solid #4ac26b; }
        .flash-error { background: #ffebe9; color: var(--err); border: 1px solid #ff8182; }
        .flash-ok p, .flash-error p { margin: 0; }
        .one-time { border: 2px dashed var(--accent); padding: .75rem 1rem; border-radius: 6px; }
        #one-time-secret { font-size: 1.1rem; word-break: break-all; user-select: all; }
        form.inline { display: inline; }
        .filters, .stack-form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; margin-bottom: 1rem; }
        .field { display: flex; flex-direction: column; gap: .2rem; }
        .field.check { flex-direction: row; align-items: center; }
        label { font-weight: 600; font-size: .9rem; }
        input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 6px; }
        button { background: #f6f8fa; cursor: pointer; }
        button:hover { background: #eaeef2; }
        button.danger { color: var(--err); border-color: #ff8182; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; color: var(--muted); padding: .25rem 0; }
        th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f6f8fa; }
        .managed { color: var(--muted); font-style: italic; }
        .muted { color: var(--muted); }
        dl.profile { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dl.profile dt { font-weight: 600; }
        dl.profile dd { margin: 0; }
        .actions form { margin: 0 .5rem .5rem 0; }
        pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
        pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; }
        .pager { margin: 1rem 0; }
        @media (max-width: 600px) {
          main { padding: .5rem; }
          .console-header { flex-direction: column; align-items: stretch; gap: .5rem; }
          #console-nav .who { margin-left: 0; }
          .filters, .stack-form { flex-direction: column; align-items: stretch; }
          input, select, button { width: 100%; }
          form.inline button { width: auto; }
          table, thead, tbody, tr, th, td { display: block; }
          thead { position: absolute; left: -10000px; }
          tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: .75rem; padding: .25rem; }
          td { border: none; padding: .2rem .4rem; }
          td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
          dl.profile { grid-template-columns: 1fr; }
        }
        """

    /// Progressive enhancement only (every form and link works without it): a click on the one-time secret selects
    /// it for copying. No confirmation dialogs: each destructive action is one deliberate button.
    static let js = """
        document.addEventListener("click", function (event) {
          var target = event.target;
          if (target && target.id === "one-time-secret" && window.getSelection) {
            var range = document.createRange();
            range.selectNodeContents(target);
            var selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
          }
        });
        """
}
