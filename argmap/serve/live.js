// argmap serve: reload the page when the debate is rebuilt; while its data has errors, show
// them over the last good map. Injected only into pages served by `argmap serve`, never into
// a build's files. The page tells which build it shows in <meta name="argmap-built">, and
// which run of the server made it in <meta name="argmap-run">.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="argmap-built"]');
  var built = meta ? parseInt(meta.content, 10) : 0;
  var runMeta = document.querySelector('meta[name="argmap-run"]');
  var run = runMeta ? runMeta.content : "";
  var seen = built;
  var box = null;

  function style(el, props) {  // the page's policy allows no style attributes: set them by script
    for (var k in props) { el.style[k] = props[k]; }
    return el;
  }

  function copy(text, button) {
    var done = function () { button.textContent = "copied"; setTimeout(function () { button.textContent = text; }, 1200); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {});
    }
  }

  function show(state) {
    if (state.ok) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = style(document.createElement("section"), {
        position: "fixed", left: "0", right: "0", top: "0", zIndex: "2147483647",
        maxHeight: "50vh", overflow: "auto", background: "#fff7f7", color: "#222",
        borderBottom: "3px solid #b00020", font: "14px/1.4 system-ui, sans-serif",
        padding: "0.6em 1em", boxShadow: "0 2px 8px rgba(0,0,0,0.25)"
      });
      box.id = "argmap-serve-errors";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.textContent = "";
    var head = document.createElement("strong");
    head.textContent = state.built
      ? "The debate has errors: this is the last good map. Fix them and save; the page reloads by itself."
      : "The debate has errors, so there is no map yet. Fix them and save; the page reloads by itself.";
    box.appendChild(head);
    var list = style(document.createElement("ul"), { margin: "0.4em 0 0", paddingLeft: "1.2em" });
    state.errors.forEach(function (e) {
      var item = document.createElement("li");
      var where = style(document.createElement("button"), {
        font: "inherit", fontFamily: "ui-monospace, monospace", border: "1px solid #caa",
        background: "#fff", cursor: "copy", padding: "0 0.3em", marginRight: "0.5em"
      });
      where.type = "button";
      where.className = "argmap-serve-where";
      where.textContent = e.where;
      where.title = "Copy " + e.where;
      where.addEventListener("click", function () { copy(e.where, where); });
      item.appendChild(where);
      item.appendChild(document.createTextNode(e.message));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function poll() {
    fetch("/_argmap/wait?seen=" + seen, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.run !== run) { location.reload(); return; }  // the server was restarted
        seen = state.version;
        if (state.built !== built) { location.reload(); return; }  // a newer good build
        show(state);
        poll();
      }, function () { setTimeout(poll, 1000); });  // the server stopped: try again calmly
  }
  poll();
})();
