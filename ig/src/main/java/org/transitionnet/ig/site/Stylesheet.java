package org.transitionnet.ig.site;

/** The one stylesheet of the rendered IG, kept beside the code that emits the classes it styles. */
final class Stylesheet {

    private Stylesheet() {}

    static final String CSS = """
      body { font-family: system-ui, sans-serif; margin: 0; color: #1d1d1d; line-height: 1.45; }
      header { background: #234; color: #fff; padding: 0.6em 1.2em; }
      header a.home { color: #fff; font-weight: bold; text-decoration: none; font-size: 1.2em; }
      header .version { color: #cde; margin-left: 1em; font-size: 0.9em; }
      nav { background: #eef2f6; border-bottom: 1px solid #ccd; }
      nav ul { list-style: none; margin: 0; padding: 0.3em 1em; display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; }
      nav li.current a { font-weight: bold; }
      main { padding: 1em 1.5em; max-width: 80em; }
      footer { border-top: 1px solid #ccd; padding: 0.6em 1.5em; font-size: 0.85em; color: #444; }
      footer .disclaimer { font-weight: bold; }
      table { border-collapse: collapse; margin: 0.6em 0 1.2em; font-size: 0.92em; }
      th, td { border: 1px solid #ccd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
      thead th { background: #eef2f6; }
      table.facts th { background: #f6f8fa; white-space: nowrap; }
      .path { font-family: monospace; white-space: nowrap; }
      td code { overflow-wrap: anywhere; }
      code, pre { font-family: ui-monospace, monospace; font-size: 0.92em; }
      pre { background: #f6f8fa; border: 1px solid #dde; padding: 0.6em; overflow-x: auto; }
      blockquote { border-left: 4px solid #c96; margin: 0.6em 0; padding: 0.1em 1em; background: #fdf8f2; }
      .flag { font-size: 0.8em; background: #dde7f0; border-radius: 3px; padding: 0 0.3em; margin-left: 0.3em; }
      details summary { cursor: pointer; color: #234; }
      """;
}
