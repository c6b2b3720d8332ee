/* argmap diff --format html: the changes between two versions of a debate, over the new
 * version's map page. Written for argmap; no libraries, no network.
 *
 * It reads the JSON in #argmap-diff (argmap/diff/page.py) and, without touching the map's
 * own script, lists every change in a panel to step through (buttons, or j/k and n/p),
 * opens each changed claim through the map's addresses (#<id>), and marks changed claims
 * wherever the map draws them (elements with data-id or data-claim, the open claim's title)
 * with a word as well as a dashed frame. Everything is built with textContent, never
 * innerHTML, so markup in a claim shows as text. The page is copied in verbatim.
 */
(function () {
  "use strict";

  var island = document.getElementById("argmap-diff");
  if (!island) return;
  var DIFF = JSON.parse(island.textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var MARKS = DIFF.marks || {};
  var WORDS = { "+": "added", "-": "removed", "~": "changed" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function hashId() {
    try {
      return decodeURIComponent(window.location.hash.slice(1));
    } catch (err) {
      return "";
    }
  }

  /* ---------------------------------------------------------------- the changes, in order */

  var steps = [];
  DIFF.sections.forEach(function (section) {
    section.lines.forEach(function (line) {
      steps.push({ section: section.title, line: line, index: steps.length });
    });
  });

  function markWord(step) {
    if (step.section === "Consequences") return "";
    if (step.line.mark === ">") return "";  // its words say it: "renamed", "now targets"
    return WORDS[step.line.mark] || "";
  }

  var STYLE = { id: "code", name: "strong", old: "del", "new": "ins", note: "em" };

  function runs(list) {
    return list.map(function (run) {
      var tag = STYLE[run[0]];
      if (!tag) return document.createTextNode(run[1]);
      return el(tag, { "class": "dv-" + run[0] }, run[1]);
    });
  }

  function badge(word) {
    return el("span", { "class": "dv-badge" }, word);
  }

  /* ---------------------------------------------------------------- the panel */

  var position = el("span", { "class": "dv-pos" });
  var prev = el("button", { type: "button", "class": "dv-prev",
                            "aria-keyshortcuts": "k p" }, "Previous");
  var next = el("button", { type: "button", "class": "dv-next",
                            "aria-keyshortcuts": "j n" }, "Next");
  var current = el("div", { "class": "dv-current", id: "dv-current", "aria-live": "polite" });
  var opener = el("a", { "class": "dv-opener", href: "#", tabindex: "-1",
                         "aria-hidden": "true" }, "");
  var items = [];
  var list = el("div", { "class": "dv-list" }, DIFF.sections.map(function (section) {
    var ol = el("ol", null, section.lines.map(function () {
      var step = steps[items.length];
      var word = markWord(step);
      var button = el("button", { type: "button", "class": "dv-item", "data-step": String(step.index),
                                  "data-target": step.line.target || null },
                      (word ? [badge(word), " "] : []).concat(runs(step.line.runs)));
      items.push(button);
      return el("li", null, button);
    }));
    return el("section", { "class": "dv-section" }, [el("h3", null, section.title), ol]);
  }));
  var all = el("details", { "class": "dv-all", open: "" }, [
    el("summary", null, steps.length === 1 ? "The change" : "All " + steps.length + " changes"),
    list]);
  var panel = el("aside", { "class": "dv", id: "dv", "aria-labelledby": "dv-title" }, [
    el("div", { "class": "dv-head" }, [
      el("h2", { id: "dv-title" }, "Changes"),
      el("p", { "class": "dv-sides" }, [el("code", null, DIFF.old), " \u2192 ",
                                        el("code", null, DIFF["new"])]),
    ]),
  ]);
  if (DIFF.empty) {
    panel.appendChild(el("p", { "class": "dv-none" },
                         "No differences: the two versions hold the same debate."));
  } else {
    panel.appendChild(el("p", { "class": "dv-summary" }, DIFF.summary));
    panel.appendChild(el("div", { "class": "dv-step", role: "group",
                                  "aria-label": "Step through the changes" },
                         [prev, position, next]));
    panel.appendChild(el("p", { "class": "dv-keys" },
                         "Keys: j or n for the next change, k or p for the previous."));
    panel.appendChild(current);
    panel.appendChild(all);
  }
  panel.appendChild(opener);
  var main = document.querySelector(".am-main");
  if (main) main.insertBefore(panel, main.firstChild);
  else document.body.appendChild(panel);
  document.body.classList.add("dv-on");
  if (window.matchMedia && window.matchMedia("(max-width: 700px)").matches) {
    all.removeAttribute("open");  // on a phone the list opens on demand, under the map
  }

  /* ---------------------------------------------------------------- marking claims */

  var at = -1;
  var currentTarget = null;

  function marked(id) {
    return Object.prototype.hasOwnProperty.call(MARKS, id) ? MARKS[id] : null;
  }

  function htmlBadges(words) {
    var span = el("span", { "class": "dv-badges" });
    words.forEach(function (w) { span.appendChild(badge(w)); span.appendChild(document.createTextNode(" ")); });
    return span;
  }

  function decorateNode(g, id, words) {
    // a box of the whole map: a dashed frame around it and its words above its left corner
    var frame = g.querySelector(".frame");
    var w = frame ? Number(frame.getAttribute("width")) : 200;
    var h = frame ? Number(frame.getAttribute("height")) : 60;
    var ring = document.createElementNS(SVGNS, "rect");
    [["class", "dv-ring"], ["x", -6], ["y", -6], ["width", w + 12], ["height", h + 12],
     ["rx", 9]].forEach(function (a) { ring.setAttribute(a[0], String(a[1])); });
    g.insertBefore(ring, g.firstChild);
    var label = words.join(", ");
    var tag = document.createElementNS(SVGNS, "g");
    tag.setAttribute("class", "dv-tag");
    tag.setAttribute("transform", "translate(0,-22)");
    var width = Math.min(w, label.length * 6.2 + 12);
    var rect = document.createElementNS(SVGNS, "rect");
    [["width", width], ["height", 15], ["rx", 3]].forEach(function (a) {
      rect.setAttribute(a[0], String(a[1]));
    });
    var text = document.createElementNS(SVGNS, "text");
    text.setAttribute("x", "6");
    text.setAttribute("y", "11");
    if (label.length * 6.2 + 12 > w) {  // a long old id: squeezed into the box's width
      text.setAttribute("textLength", String(w - 12));
      text.setAttribute("lengthAdjust", "spacingAndGlyphs");
    }
    text.textContent = label;
    tag.appendChild(rect);
    tag.appendChild(text);
    g.appendChild(tag);
    var aria = g.getAttribute("aria-label");
    if (aria) g.setAttribute("aria-label", "(" + label + ") " + aria);
  }

  function decorate(node) {
    if (node.classList.contains("dv-mark")) return;
    var id, words, holder;
    if (node.id === "am-focus-title" || node.id === "am-panel-title") {
      id = hashId();
      words = marked(id);
      if (!words) return;
      holder = node.id === "am-focus-title" ? node.closest(".fv-parent") : node.closest(".am-panel");
      var meta = node.id === "am-focus-title" ? holder && holder.querySelector(".at-meta")
                                               : holder && holder.querySelector(".am-panel-kicker");
      node.classList.add("dv-mark");
      if (holder) holder.classList.add("dv-marked");
      if (meta) meta.appendChild(htmlBadges(words));
      else node.parentNode.insertBefore(htmlBadges(words), node);
      return;
    }
    id = node.getAttribute("data-id") || node.getAttribute("data-claim");
    words = id && marked(id);
    if (!words) return;
    node.classList.add("dv-mark");
    if (id === currentTarget) node.classList.add("dv-current");
    if (node.namespaceURI === SVGNS) {
      decorateNode(node, id, words);
    } else if (node.classList.contains("ol-item")) {
      var open = node.querySelector(":scope > .ol-claim > .ol-row > .ol-open");
      if (open) open.parentNode.insertBefore(htmlBadges(words), open);
    } else {
      var where = node.querySelector(".at-meta");
      if (where) where.appendChild(htmlBadges(words));
      else node.insertBefore(htmlBadges(words), node.firstChild);
    }
  }

  var SELECTOR = "[data-id], .ol-item[data-claim], #am-focus-title, #am-panel-title";

  function decorateWithin(root) {
    if (root.nodeType !== 1 || root.closest && root.closest(".dv")) return;
    if (root.matches(SELECTOR)) decorate(root);
    root.querySelectorAll(SELECTOR).forEach(decorate);
  }

  if (Object.keys(MARKS).length) {
    decorateWithin(document.body);
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        for (var i = 0; i < r.addedNodes.length; i++) decorateWithin(r.addedNodes[i]);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  function setCurrentTarget(id) {
    document.querySelectorAll(".dv-current").forEach(function (n) {
      if (n !== current) n.classList.remove("dv-current");
    });
    currentTarget = id;
    if (!id) return;
    document.querySelectorAll('[data-id="' + CSS.escape(id) + '"], .ol-item[data-claim="' +
                              CSS.escape(id) + '"]').forEach(function (n) {
      if (n.classList.contains("dv-mark")) n.classList.add("dv-current");
    });
  }

  /* ---------------------------------------------------------------- stepping */

  function detail(step) {
    var line = step.line, word = markWord(step);
    var parts = [el("p", { "class": "dv-count" }, "Change " + (step.index + 1) + " of " +
                    steps.length + " \u00b7 " + step.section),
                 el("p", { "class": "dv-line" }, (word ? [badge(word), " "] : []).concat(
                   // a removed claim's text follows whole, below
                   runs(line.old ? line.runs.slice(0, 2) : line.runs)))];
    if (line.more.length) {
      parts.push(el("ul", { "class": "dv-more" }, line.more.map(function (m) {
        return el("li", null, runs(m));
      })));
    }
    if (line.old) {
      parts.push(el("p", { "class": "dv-gone" },
                    "Not on the new map. Its text in " + DIFF.old + ":"));
      parts.push(el("blockquote", { "class": "dv-old-text" }, line.old.text));
    } else if (line.target) {
      parts.push(el("p", { "class": "dv-where" }, "Opened on the map."));
    } else {
      parts.push(el("p", { "class": "dv-where" }, "Not about one claim: nothing to open."));
    }
    return parts;
  }

  function open(id) {
    // through the map's own addresses: a link to #id, which the map opens (and reopens,
    // when the address already names it)
    opener.setAttribute("href", "#" + id);
    opener.click();
  }

  function go(index) {
    if (!steps.length) return;
    at = (index + steps.length) % steps.length;
    var step = steps[at];
    position.textContent = (at + 1) + " of " + steps.length;
    items.forEach(function (b, i) {
      if (i === at) b.setAttribute("aria-current", "step");
      else b.removeAttribute("aria-current");
    });
    current.replaceChildren.apply(current, detail(step));
    if (all.open) items[at].scrollIntoView({ block: "nearest" });
    setCurrentTarget(step.line.target);
    if (step.line.target) open(step.line.target);
  }

  prev.addEventListener("click", function () { go(at < 0 ? steps.length - 1 : at - 1); });
  next.addEventListener("click", function () { go(at + 1); });
  items.forEach(function (b, i) { b.addEventListener("click", function () { go(i); }); });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    var step = { j: 1, n: 1, k: -1, p: -1 }[e.key];
    if (!step || !steps.length) return;
    go(at < 0 ? (step > 0 ? 0 : steps.length - 1) : at + step);
    e.preventDefault();
  });
  if (steps.length) {
    position.textContent = steps.length === 1 ? "1 change" : steps.length + " changes";
    current.appendChild(el("p", { "class": "dv-count" },
                           "Next opens the first change; each claim it names opens on the map."));
  }
  window.argmapDiffReady = true;
})();
