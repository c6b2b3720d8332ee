/* argmap: the interactive map's script. Written for argmap; no libraries, no network.
 *
 * It reads the JSON payload in #argmap-data (its shape is documented in
 * argmap/render/mapdata.py) and builds every element from data with textContent and
 * setAttribute, never innerHTML, so markup inside a claim is shown as text and never runs.
 * The page is copied in verbatim (not a Jinja template).
 */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var started = performance.now();
  var DATA = JSON.parse(document.getElementById("argmap-data").textContent);
  var M = DATA.view.metrics;
  // Relation kinds and their headings come from argmap (argmap/vocabulary.py), in order.
  var KINDS = Object.keys(DATA.relations);
  var OUT = {}, IN = {};
  KINDS.forEach(function (k) { OUT[k] = DATA.relations[k].out; IN[k] = DATA.relations[k]["in"]; });
  // Semantic zoom: text on screen is never smaller than READABLE px. Zoomed in far enough
  // a box shows its full text as laid out; below that, a short form (its opening words) set
  // at LABEL px on screen in the box and the gap around it; where not even a few letters
  // would fit, no text at all (a big map far zoomed out).
  var READABLE = 11;
  var LABEL = 11.5;
  var LABEL_STEP = 1.1;     // the short form is re-set each time the zoom changes this much
  var SWELL_X = 12, SWELL_Y = 12;  // layout px a box grows into its gaps when zoomed out
  // Below this zoom edges are plain hairlines: dashes and heads would be too small to see
  // and slow to draw.
  var COARSE_SCALE = 0.4;
  // Below this zoom a claim box (with the gaps it grows into) is under ~75 px on screen, too
  // narrow for more than a word or two at LABEL px: the claims gather into group boxes, one
  // per perspective's lane on each layer of the layout, as map tools cluster markers.
  var GROUP_SCALE = 0.3;
  var OPEN_MIN_SCALE = 0.15;
  var MIN_SCALE = 0.01;
  var MAX_SCALE = 2.5;
  // Layout pixels drawn beyond the window's edges, so a short pan shows no empty border.
  var MARGIN = 300;
  var LANE_TOP = -70;  // layout y where the lanes' bands start, above the resolutions

  /* ---------------------------------------------------------------- indexes */

  var nodes = new Map();
  var outgoing = new Map();
  var incoming = new Map();
  var perspectives = new Map();
  var topics = new Map();
  DATA.perspectives.forEach(function (p) { perspectives.set(p.id, p); });
  DATA.topics.forEach(function (t) { topics.set(t.id, t.label); });
  DATA.nodes.forEach(function (n) {
    nodes.set(n.id, n);
    outgoing.set(n.id, []);
    incoming.set(n.id, []);
    var words = [n.id, n.text, n.note || ""];
    (n.evidence || []).forEach(function (ev) { words.push(ev.quote, ev.locator); });
    n.haystack = words.join(" \n ").toLowerCase();
  });
  DATA.edges.forEach(function (e, i) {
    e.index = i;
    outgoing.get(e.source).push(e);
    incoming.get(e.target).push(e);
  });
  var readingOrder = DATA.nodes.slice().sort(function (a, b) {
    return a.layer - b.layer || a.box[1] - b.box[1] || a.box[0] - b.box[0] ||
      (a.id < b.id ? -1 : 1);
  });
  var layerBottom = [];
  DATA.nodes.forEach(function (n) {
    layerBottom[n.layer] = Math.max(layerBottom[n.layer] || 0, n.box[1] + n.box[3]);
  });
  var claimCount = DATA.nodes.filter(function (n) { return n.type === "claim"; }).length;

  function label(id) {
    var p = perspectives.get(id);
    return p ? p.label : id;
  }

  /* ---------------------------------------------------------------- DOM helpers */

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    append(e, children);
    return e;
  }

  function svgEl(tag, attrs, children) {
    var e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    append(e, children);
    return e;
  }

  function setAttrs(e, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    });
  }

  function append(e, children) {
    if (children === null || children === undefined) return;
    (Array.isArray(children) ? children : [children]).forEach(function (c) {
      if (c === null || c === undefined || c === "") return;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
  }

  function announce(text) {
    var region = document.getElementById("am-announce");
    region.textContent = "";
    // A fresh text node after clearing makes screen readers read the update again.
    window.setTimeout(function () { region.textContent = text; }, 30);
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : "";
  }

  // Run fn as a print starts: on beforeprint, and when the print media query starts to
  // match (Chromium's print to PDF sends both; a browser may send only one).
  function whenPrinting(fn) {
    window.addEventListener("beforeprint", fn);
    if (window.matchMedia) {
      var media = window.matchMedia("print");
      if (media.addEventListener) {
        media.addEventListener("change", function (e) { if (e.matches) fn(); });
      }
    }
  }

  /* ---------------------------------------------------------------- state and filters */

  var state = {
    hidden: new Set(),   // perspective ids switched off
    topic: "",
    kind: "",
    words: [],
    depth: DATA.view.initialDepth,
    revealed: new Set(), // claims shown beyond the depth limit by "+N"
    selected: null,
  };
  var passing = new Set();
  var shown = new Set();
  // Under a filter, the claims that passing claims reply to, up to the resolutions: the
  // branch view keeps them, dimmed, so a side whose claims answer claims the filter leaves
  // out is never hidden (its claims show under the path to what they answer).
  var context = new Set();

  function passes(n) {
    if (n.type !== "claim") return true;
    if (state.hidden.has(n.perspective)) return false;
    if (state.topic && n.tags.indexOf(state.topic) < 0) return false;
    if (state.kind && n.kind !== state.kind) return false;
    for (var i = 0; i < state.words.length; i++) {
      if (n.haystack.indexOf(state.words[i]) < 0) return false;
    }
    return true;
  }

  function computeVisibility() {
    passing = new Set();
    shown = new Set();
    DATA.nodes.forEach(function (n) {
      if (passes(n)) {
        passing.add(n.id);
        if (n.layer <= state.depth || state.revealed.has(n.id)) shown.add(n.id);
      }
    });
    if (state.selected) shown.add(state.selected);
    context = new Set();
    if (state.words.length || state.topic || state.kind || state.hidden.size) {
      var stack = Array.from(passing);
      while (stack.length) {
        (outgoing.get(stack.pop()) || []).forEach(function (e) {
          if (!passing.has(e.target) && !context.has(e.target)) {
            context.add(e.target);
            stack.push(e.target);
          }
        });
      }
    }
  }

  var form = document.querySelector(".am-filters");

  function readFilters() {
    state.hidden = new Set();
    form.querySelectorAll('input[name="perspective"]').forEach(function (box) {
      if (!box.checked) state.hidden.add(box.value);
    });
    state.topic = form.elements.topic ? form.elements.topic.value : "";
    state.kind = form.elements.kind ? form.elements.kind.value : "";
    state.words = form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    root.classList.toggle("am-show-unanswered", form.elements.unanswered.checked);
  }

  function refresh() {
    readFilters();
    computeVisibility();
    var count = 0;
    passing.forEach(function (id) { if (nodes.get(id).type === "claim") count++; });
    var noun = claimCount === 1 ? " claim" : " claims";
    document.getElementById("am-count").textContent =
      count === claimCount ? claimCount + noun : count + " of " + claimCount + noun + " shown";
    Outline.filter();
    Diagram.redraw();
    Focus.render();
    Print.sync();  // first: its note above the map changes the map's height, which Fit needs
    if (currentView === "diagram") Diagram.fit(0);
  }

  // On a phone the filters and legend fold away behind one button: the map gets the screen.
  var filtersToggle = document.querySelector(".am-filters-toggle");
  filtersToggle.addEventListener("click", function () {
    var open = !root.classList.contains("am-filters-open");
    root.classList.toggle("am-filters-open", open);
    filtersToggle.setAttribute("aria-expanded", open ? "true" : "false");
  });

  // The links to the build's other outputs open from a menu, so the header takes one line.
  var Menu = (function () {
    var toggle = document.querySelector(".am-menu-toggle");
    if (!toggle) return { close: function () { return false; } };
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));

    function set(open) {
      root.classList.toggle("am-menu-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      set(open);
      var first = open && menu.querySelector("a");
      if (first) first.focus();
    });
    document.addEventListener("click", function (e) {
      if (root.classList.contains("am-menu-open") && !menu.contains(e.target) &&
          !toggle.contains(e.target)) set(false);
    });
    menu.addEventListener("focusout", function (e) {
      if (e.relatedTarget && !menu.contains(e.relatedTarget) && e.relatedTarget !== toggle) set(false);
    });

    // Escape closes the menu and gives the focus back to its button (true if it was open).
    function close() {
      if (!root.classList.contains("am-menu-open")) return false;
      set(false);
      toggle.focus();
      return true;
    }
    return { close: close };
  })();

  var searchTimer = 0;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("change", refresh);
  form.elements.q.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(refresh, 150);
  });

  /* ---------------------------------------------------------------- diagram */

  var Diagram = (function () {
    var svg = document.getElementById("am-svg");
    var viewport = svg.querySelector(".am-viewport");
    var edgeLayer = svg.querySelector(".am-edges");
    var nodeLayer = svg.querySelector(".am-nodes");
    var tx = 0, ty = 0, scale = 1, fitted = false;
    var drawnNodes = new Map();
    var drawnEdges = new Map();
    var drawnMore = new Map();
    var detail = null;
    var groupsDrawn = false;
    var pending = false;

    function boxOf(id) { return nodes.get(id).box; }

    // The layout's own parts: each perspective's lane (DATA.view.lanes) on each layer. A
    // group's box is drawn round the claims of it the filters leave.
    var groups = (function () {
      var lanes = DATA.view.lanes || [], byKey = new Map(), list = [];
      readingOrder.forEach(function (n) {
        if (n.type !== "claim") return;
        var b = n.box, lane = -1;
        for (var i = 0; i < lanes.length; i++) {
          if (b[0] >= lanes[i].x - 1 && b[0] < lanes[i].x + lanes[i].w + 1) { lane = i; break; }
        }
        if (lane < 0) return;
        var key = n.layer + ":" + lane, g = byKey.get(key);
        if (!g) {
          var p = DATA.perspectives[lanes[lane].p];
          g = { key: key, layer: n.layer, lane: lanes[lane], p: lanes[lane].p,
                label: p ? p.label : n.perspective, ids: [] };
          byKey.set(key, g);
          list.push(g);
        }
        g.ids.push(n.id);
      });
      return list.sort(function (a, b) { return a.layer - b.layer || a.lane.x - b.lane.x; });
    })();

    // Where an edge starts and ends: from a claim to what it supports, attacks or undercuts
    // (an undercut ends on the claim whose inference it attacks, as in Graphviz).
    function geometry(e) {
      return curve(e, boxOf(e.source), boxOf(e.target));
    }

    function curve(e, s, t) {
      var scx = s[0] + s[2] / 2, tcx = t[0] + t[2] / 2;
      var spread = Math.max(-t[2] / 2 + 14, Math.min(t[2] / 2 - 14, (scx - tcx) * 0.2));
      var sx = scx, ex = tcx + spread, sy, ey, mid;
      if (s[1] >= t[1] + t[3]) {          // source below: from its top to the target's bottom
        sy = s[1]; ey = t[1] + t[3]; mid = (sy + ey) / 2;
        return [sx, sy, sx, mid, ex, mid, ex, ey];
      }
      if (s[1] + s[3] <= t[1]) {          // source above: from its bottom to the target's top
        sy = s[1] + s[3]; ey = t[1]; mid = (sy + ey) / 2;
        return [sx, sy, sx, mid, ex, mid, ex, ey];
      }
      // same layer: dip below the row, so the arrow crosses no box in between
      sy = s[1] + s[3]; ey = t[1] + t[3];
      var dip = layerBottom[nodes.get(e.source).layer] + 36;
      return [sx, sy, sx, dip, ex, dip, ex, ey];
    }

    function pathData(c) {
      return "M" + c[0] + "," + c[1] + " C" + c[2] + "," + c[3] + " " + c[4] + "," + c[5] +
        " " + c[6] + "," + c[7];
    }

    function drawEdge(e, visible) {
      var related = state.selected && (e.source === state.selected || e.target === state.selected);
      return svgEl("path", {
        "class": "am-edge " + e.type + (related ? " is-related" : ""),
        d: pathData(geometry(e)),
        "marker-end": "url(#am-head-" + e.type + ")",
        "data-edge": String(e.index),
      });
    }

    // A box's accessible name holds its visible words in their order (WCAG 2.5.3, so speech
    // input can name it): the unanswered tag, the header as shown, the text; a kind the
    // header had no room for comes last.
    function nodeLabel(n) {
      if (n.type === "resolution") return "Resolution: " + n.text;
      var whole = label(n.perspective) + (n.kind ? ", " + n.kind : "");
      var cut = n.header !== whole;  // a header cut to the box ends in an ellipsis
      var head = cut ? n.header.replace(/[\s,]*\u2026$/, "") : whole;
      return (n.unanswered ? "No reply recorded: " : "") + head + ": " + n.text +
        (cut && n.kind ? " \u2014 " + n.kind : "");
    }

    function drawNode(n, detail, interactive) {
      var b = n.box, w = b[2], h = b[3];
      var full = detail.full;
      var cls = "am-node " + n.type;
      if (n.type === "claim") cls += " p" + n.p + (n.unanswered ? " is-unanswered" : "");
      if (n.id === state.selected) cls += " is-selected";
      var g = svgEl("g", { "class": cls, transform: "translate(" + b[0] + "," + b[1] + ")",
                           "data-id": n.id });
      if (interactive) {
        setAttrs(g, { role: "button", tabindex: "0", "aria-label": nodeLabel(n) });
      }
      if (n.unanswered && full) {
        // first, as the name starts with it; the spaces between texts (not drawn in a g)
        // keep the words apart in the box's text as assistive technology reads it
        append(g, [
          svgEl("rect", { "class": "ua ua-ring", x: -5, y: -5, width: w + 10, height: h + 10,
                          rx: 9 }),
          svgEl("g", { "class": "ua ua-tag", transform: "translate(" + (w - 137) + ",-22)" }, [
            svgEl("rect", { width: 135, height: 15, rx: 3 }),
            svgEl("text", { x: 67.5, y: 11, "text-anchor": "middle" }, "NO REPLY RECORDED"),
          ]),
          " ",
        ]);
      }
      if (!full) return shortForm(g, n, detail);
      append(g, svgEl("rect", { "class": "frame", width: w, height: h, rx: 6 }));
      if (n.type === "claim") {
        append(g, svgEl("rect", { "class": "bar", x: 0.75, y: 0.75, width: 6, height: h - 1.5,
                                  rx: 1 }));
      }
      var pad = M.padding, top = pad, x = pad, anchor = null, size = M.resolutionFont;
      if (n.type === "claim") {
        size = M.claimFont;
        x = pad + 3;
        append(g, [svgEl("text", { "class": "hdr", x: x, y: pad + 10 }, n.header), " "]);
        top += M.header;
      } else {
        x = w / 2;
        anchor = "middle";
      }
      var text = svgEl("text", { "class": "txt", "text-anchor": anchor });
      n.lines.forEach(function (line, i) {
        // a space between the lines' tspans, so the box's words read as its text
        append(text, [i ? " " : null,
                      svgEl("tspan", { x: x, y: (top + size * (M.lineHeight * i + 1.05)).toFixed(1) }, line)]);
      });
      append(g, text);
      return g;
    }

    // Zoomed out: the box grown into the gaps around it, holding as many of its opening words
    // as fit at a readable size, the last cut with an ellipsis.
    function shortForm(g, n, detail) {
      var b = n.box, f = detail.font, k = f / LABEL;  // layout px per screen px
      var x = -SWELL_X, y = -SWELL_Y, w = b[2] + 2 * SWELL_X, h = b[3] + 2 * SWELL_Y;
      if (n.unanswered) {
        append(g, svgEl("rect", { "class": "ua ua-ring", x: x - 3 * k, y: y - 3 * k,
                                  width: w + 6 * k, height: h + 6 * k, rx: 9 * k }));
      }
      append(g, svgEl("rect", { "class": "frame", x: x, y: y, width: w, height: h, rx: 4 * k }));
      var bar = n.type === "claim" ? 3 * k : 0;
      if (bar) append(g, svgEl("rect", { "class": "bar", x: x, y: y, width: bar, height: h }));
      var padX = 3 * k, padY = 2 * k, step = f * 1.15;
      var lines = fitWords(n.text, w - bar - 2 * padX, f,
                           Math.max(1, Math.floor((h - 2 * padY) / step)));
      if (!lines) return g;
      var text = svgEl("text", { "class": "txt short" });
      text.style.fontSize = f.toFixed(1) + "px";  // through the CSSOM: the CSP allows no style attribute
      var top = y + (h - lines.length * step) / 2;
      lines.forEach(function (line, i) {
        append(text, [i ? " " : null, svgEl("tspan", { x: (x + bar + padX).toFixed(1),
                                                        y: (top + step * i + f * 0.93).toFixed(1) }, line)]);
      });
      append(g, text);
      return g;
    }

    var measures = {};
    function textWidth(text, font, bold) {
      var weight = bold ? "700 " : "";
      var measure = measures[weight];
      if (!measure) {
        measure = measures[weight] = document.createElement("canvas").getContext("2d");
        measure.font = weight + "100px " + getComputedStyle(svg).getPropertyValue("--map");
      }
      return measure.measureText(text).width * font / 100;
    }

    // The words of text that fit `lines` lines of `width` at `font`, the last line ending
    // in an ellipsis when words are left over; null when not even three letters fit.
    function fitWords(text, width, font, lines, bold) {
      if (textWidth("Abc\u2026", font, bold) > width) return null;
      var words = text.split(/\s+/).filter(Boolean), out = [], i = 0, cut = false;
      while (i < words.length && out.length < lines && !cut) {
        var line = words[i++];
        while (textWidth(line, font, bold) > width && line.length > 1) { line = line.slice(0, -1); cut = true; }
        while (!cut && i < words.length && textWidth(line + " " + words[i], font, bold) <= width) {
          line += " " + words[i++];
        }
        out.push(line);
      }
      if (cut || i < words.length) {
        var last = out[out.length - 1];
        while (last.length > 1 && textWidth(last + "\u2026", font, bold) > width) last = last.slice(0, -1);
        out[out.length - 1] = last.replace(/[\s,;:.]+$/, "") + "\u2026";
      }
      return out;
    }

    // How boxes are drawn at a zoom: full text, or the short form at a font (in layout px)
    // that shows LABEL px on screen, stepped so that small zoom changes redraw nothing.
    function detailAt(s) {
      if (s * M.claimFont >= READABLE) return { key: "full", full: true };
      var step = Math.pow(LABEL_STEP, Math.floor(Math.log(s) / Math.log(LABEL_STEP) + 1e-9));
      var grouped = s < GROUP_SCALE && groups.length > 0;
      return { key: (grouped ? "groups" : "short") + step.toFixed(5), full: false,
               groups: grouped, font: LABEL / step };
    }

    // A group's words: its perspective and how many of its claims the filters leave.
    function groupText(g, ids) {
      var count = ids.length, total = g.ids.length, noun = total === 1 ? " claim" : " claims";
      return g.label + " \u2014 " + (count === total ? total : count + " of " + total) + noun;
    }

    // Zoomed out below GROUP_SCALE: the resolutions, spread over the map's width so their
    // opening words show, and one box per group, labelled at LABEL px on screen. No claim
    // boxes and no edges: a few dozen elements however big the map.
    function drawGroups(detail) {
      var f = detail.font, k = f / LABEL, step = f * 1.2, padX = 6 * k, padY = 3 * k;
      var res = readingOrder.filter(function (n) { return n.type === "resolution" && shown.has(n.id); });
      var placed = [];
      groups.forEach(function (grp, i) {
        var ids = grp.ids.filter(function (id) { return shown.has(id); });
        if (!ids.length) return;  // the filters left none of it: like its claims, not drawn
        var words = groupText(grp, ids), b = bounds(ids), bar = 4 * k, lane = grp.lane;
        // at least as wide as its label needs, inside its lane
        var need = Math.min(lane.w, textWidth(words, f, true) + bar + 2 * padX + 2 * k);
        var x0 = b[0], x1 = Math.max(b[2], Math.min(x0 + need, lane.x + lane.w));
        x0 = Math.max(lane.x, Math.min(x0, x1 - need));
        var lines = fitWords(words, x1 - x0 - bar - 2 * padX, f, 3, true) || [];
        var h = Math.max(b[3] - b[1] + 2 * SWELL_Y, lines.length * step + 2 * padY);
        var box = [x0, (b[1] + b[3]) / 2 - h / 2, x1 - x0, h];
        var g = svgEl("g", { "class": "am-group p" + grp.p +
                                      (state.selected && ids.indexOf(state.selected) >= 0 ? " is-selected" : ""),
                             "data-group": String(i), role: "button", tabindex: "0", "aria-label": words });
        boxWithText(g, box, lines, f, step, k, bar);
        placed.push([grp, g, box]);
      });
      var below = placed.filter(function (d) { return d[0].layer === 1; }).map(function (d) { return d[2][1]; });
      if (res.length) {
        // over the width of what the filters leave: Fit frames that
        var span = bounds(shown), slot = (span[2] - span[0]) / res.length, gap = 8 * k;
        var top = Math.min.apply(null, res.map(function (n) { return n.box[1]; }));
        var bottom = Math.max.apply(null, res.map(function (n) { return n.box[1] + n.box[3]; }));
        // down to just above the first groups, up into the lanes' unused name row
        bottom = Math.max(bottom + SWELL_Y, below.length ? Math.min.apply(null, below) - SWELL_Y - 4 * k : 0);
        res.forEach(function (n, i) {
          var box = [span[0] + i * slot + gap / 2, top + LANE_TOP + 10, slot - gap, bottom - top - LANE_TOP - 10];
          var g = svgEl("g", { "class": "am-node resolution" + (n.id === state.selected ? " is-selected" : ""),
                               "data-id": n.id, role: "button", tabindex: "0" });
          var lines = fitWords(n.text, box[2] - 2 * padX, f, Math.max(1, Math.floor((box[3] - 2 * padY) / step)), true);
          g.setAttribute("aria-label", nodeLabel(n));
          boxWithText(g, box, lines, f, step, k);
          drawnNodes.set(n.id, g);
          nodeLayer.appendChild(g);
        });
      }
      placed.forEach(function (d) { nodeLayer.appendChild(d[1]); });
    }

    // A frame (and a perspective bar) with lines of text centred in it, at font f.
    function boxWithText(g, box, lines, f, step, k, bar) {
      append(g, svgEl("rect", { "class": "frame", x: box[0], y: box[1], width: box[2], height: box[3], rx: 4 * k }));
      if (bar) append(g, svgEl("rect", { "class": "bar", x: box[0], y: box[1], width: bar, height: box[3] }));
      if (!lines || !lines.length) return;
      var text = svgEl("text", { "class": "txt short", "text-anchor": "middle" });
      text.style.fontSize = f.toFixed(1) + "px";
      var top = box[1] + (box[3] - lines.length * step) / 2, cx = box[0] + (bar || 0) / 2 + box[2] / 2;
      lines.forEach(function (line, i) {
        append(text, [i ? " " : null,
                      svgEl("tspan", { x: cx.toFixed(1), y: (top + step * i + f * 0.93).toFixed(1) }, line)]);
      });
      append(g, text);
    }

    function drawMore(n, count) {
      var b = n.box, w = 46;
      return svgEl("g", {
        "class": "am-more", role: "button", tabindex: "0", "data-more": n.id,
        "aria-label": "Show " + count + " hidden " + (count === 1 ? "reply" : "replies"),
        transform: "translate(" + (b[0] + b[2] / 2 - w / 2) + "," + (b[1] + b[3] + 5) + ")",
      }, [svgEl("rect", { width: w, height: 18, rx: 9 }),
          svgEl("text", { x: w / 2, y: 13, "text-anchor": "middle" }, "+" + count)]);
    }

    function hiddenReplies(id) {
      var who = new Set();
      incoming.get(id).forEach(function (e) {
        if (passing.has(e.source) && !shown.has(e.source)) who.add(e.source);
      });
      return who;
    }

    // Each perspective's lane as a faint band with its name on top, as Argdown draws a
    // side's cluster: visible even when the map is zoomed out too far for box text.
    // Grouped, every group box names its perspective: the lanes go unnamed, and the
    // resolutions take the room their names had.
    function drawLanes(font, unnamed) {
      var bands = svg.querySelector(".am-lanes");
      bands.replaceChildren();
      var h = DATA.view.height;
      font = Math.max(44, font || 0);
      (DATA.view.lanes || []).forEach(function (lane) {
        var p = DATA.perspectives[lane.p];
        append(bands, svgEl("g", { "class": "am-lane p" + lane.p }, [
          svgEl("rect", { x: lane.x - 24, y: LANE_TOP, width: lane.w + 48, height: h - LANE_TOP + 30, rx: 18 }),
          unnamed ? null : laneName(lane, p, font),
        ]));
      });
    }

    function laneName(lane, p, font) {
      var name = svgEl("text", { x: lane.x + lane.w / 2, y: -22, "text-anchor": "middle" },
                       p ? p.label : "");
      name.style.fontSize = font.toFixed(1) + "px";
      return name;
    }

    function clear() {
      [edgeLayer, nodeLayer].forEach(function (layer) { layer.replaceChildren(); });
      drawnNodes.clear();
      drawnEdges.clear();
      drawnMore.clear();
      groupsDrawn = false;
    }

    function size() {
      return { w: svg.clientWidth, h: svg.clientHeight };
    }

    // Draw what is in (or near) the window and remove what left it: a 2,000-claim map
    // never has more than the visible part in the document.
    function update() {
      pending = false;
      var vp = size();
      if (!vp.w || !vp.h) return;
      var now = detailAt(scale);
      if (!detail || now.key !== detail.key) {
        clear();
        detail = now;
        drawLanes(now.full ? 0 : 1.3 * now.font, now.groups);
        // Zoomed out, dashes and arrowheads are too small to see and very slow to draw
        // on thousands of long edges: draw plain hairlines instead.
        svg.classList.toggle("am-coarse", scale < COARSE_SCALE);
        svg.classList.toggle("am-grouped", !!now.groups);
      }
      if (detail.groups) {
        if (!groupsDrawn) drawGroups(detail);
        groupsDrawn = true;
        return;
      }
      var x0 = -tx / scale - MARGIN, y0 = -ty / scale - MARGIN;
      var x1 = (vp.w - tx) / scale + MARGIN, y1 = (vp.h - ty) / scale + MARGIN;
      var want = new Set();
      shown.forEach(function (id) {
        var b = boxOf(id);
        if (b[0] <= x1 && b[0] + b[2] >= x0 && b[1] <= y1 && b[1] + b[3] >= y0) want.add(id);
      });
      drawnNodes.forEach(function (g, id) {
        if (!want.has(id)) { g.remove(); drawnNodes.delete(id); }
      });
      drawnMore.forEach(function (g, id) {
        if (!want.has(id)) { g.remove(); drawnMore.delete(id); }
      });
      var added = false;
      want.forEach(function (id) {
        if (drawnNodes.has(id)) return;
        var n = nodes.get(id);
        drawnNodes.set(id, drawNode(n, detail, true));
        var more = hiddenReplies(id);
        if (more.size) drawnMore.set(id, drawMore(n, more.size));
        added = true;
      });
      if (added) {
        // Document order is reading order, so Tab walks the boxes top-down, left to right.
        readingOrder.forEach(function (n) {
          var g = drawnNodes.get(n.id);
          if (g) nodeLayer.appendChild(g);
          var m = drawnMore.get(n.id);
          if (m) nodeLayer.appendChild(m);
        });
      }
      var visible = function (id) { return shown.has(id); };
      DATA.edges.forEach(function (e) {
        var keep = false;
        if (shown.has(e.source) && shown.has(e.target)) {
          var s = boxOf(e.source), t = boxOf(e.target);
          keep = Math.max(s[0] + s[2], t[0] + t[2]) >= x0 && Math.min(s[0], t[0]) <= x1 &&
            Math.max(s[1] + s[3], t[1] + t[3]) + 90 >= y0 && Math.min(s[1], t[1]) <= y1;
        }
        var path = drawnEdges.get(e.index);
        if (keep && !path) {
          path = drawEdge(e, visible);
          drawnEdges.set(e.index, path);
          edgeLayer.appendChild(path);
        } else if (!keep && path) {
          path.remove();
          drawnEdges.delete(e.index);
        }
      });
    }

    function schedule() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(update);
    }

    function apply() {
      viewport.setAttribute("transform", "translate(" + tx.toFixed(1) + "," + ty.toFixed(1) +
                            ") scale(" + scale.toFixed(4) + ")");
      schedule();
    }

    function zoomAt(factor, px, py) {
      var next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
      tx = px - (px - tx) * (next / scale);
      ty = py - (py - ty) * (next / scale);
      scale = next;
      apply();
    }

    function bounds(ids) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      ids.forEach(function (id) {
        var b = boxOf(id);
        x0 = Math.min(x0, b[0]); y0 = Math.min(y0, b[1]);
        x1 = Math.max(x1, b[0] + b[2]); y1 = Math.max(y1, b[1] + b[3]);
      });
      return x0 === Infinity ? null : [x0, y0, x1, y1];
    }

    // Show every drawn box, or, when that would be too small to read (below minScale),
    // the top of the map at minScale, centred on the first resolution.
    function fit(minScale) {
      var vp = size(), bb = bounds(shown);
      if (!vp.w || !bb) return;
      fitted = true;
      var pad = 40, top = 30;
      var s = Math.min((vp.w - 2 * pad) / (bb[2] - bb[0]), (vp.h - 2 * pad - top) / (bb[3] - bb[1]), 1);
      scale = Math.max(MIN_SCALE, minScale ? Math.max(s, minScale) : s);
      var w = scale * (bb[2] - bb[0]), h = scale * (bb[3] - bb[1]);
      if (w <= vp.w - 2 * pad) {
        tx = (vp.w - w) / 2 - scale * bb[0];
      } else {
        var first = readingOrder.filter(function (n) { return shown.has(n.id); })[0];
        tx = vp.w / 2 - scale * (first.box[0] + first.box[2] / 2);
      }
      ty = h <= vp.h - 2 * pad - top ? top + (vp.h - top - h) / 2 - scale * bb[1]
                                     : pad + top - scale * bb[1];
      apply();
    }

    // Pan just enough to bring box b into the window, or centre it when it is far away.
    // zoomIn: to where its full text shows; never on focus, which a click gives too: the
    // redrawn box would swallow the click.
    function reveal(b, zoomIn) {
      var vp = size();
      if (!vp.w) return;
      if (zoomIn && scale * M.claimFont < READABLE) scale = READABLE / M.claimFont;
      var left = b[0] * scale + tx, right = (b[0] + b[2]) * scale + tx;
      var top = b[1] * scale + ty, bottom = (b[1] + b[3]) * scale + ty;
      if (left < 0 || right > vp.w || top < 0 || bottom > vp.h) {
        if (right < 0 || left > vp.w || bottom < 0 || top > vp.h) {
          tx = vp.w / 2 - (b[0] + b[2] / 2) * scale;
          ty = vp.h / 2 - (b[1] + b[3] / 2) * scale;
        } else {
          if (left < 0) tx -= left - 16;
          if (right > vp.w) tx -= right - vp.w + 16;
          if (top < 0) ty -= top - 16;
          if (bottom > vp.h) ty -= bottom - vp.h + 16;
        }
      }
      apply();
    }

    /* ---- input: drag to pan, wheel and buttons to zoom, click / Enter to open ---- */

    // One pointer drags the map; two (fingers on a touch screen) pinch to zoom about their
    // midpoint and pan as it moves.
    var drag = null, dragged = false, pointers = new Map(), pinch = null;

    function pinchState() {
      var pts = Array.from(pointers.values()), r = svg.getBoundingClientRect();
      return { x: (pts[0].x + pts[1].x) / 2 - r.left, y: (pts[0].y + pts[1].y) / 2 - r.top,
               d: Math.max(1, Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y)) };
    }

    svg.addEventListener("pointerdown", function (e) {
      if (e.pointerType === "mouse" && e.button !== 0) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2) {
        pinch = pinchState();
        drag = null;
        dragged = true;  // a pinch never ends in a click
        return;
      }
      drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty };
      dragged = false;
    });
    window.addEventListener("pointermove", function (e) {
      if (pointers.has(e.pointerId)) pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pinch && pointers.size === 2) {
        var now = pinchState();
        tx += now.x - pinch.x;
        ty += now.y - pinch.y;
        zoomAt(now.d / pinch.d, now.x, now.y);
        pinch = now;
        return;
      }
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
      dragged = true;
      svg.classList.add("is-panning");
      tx = drag.tx + dx;
      ty = drag.ty + dy;
      apply();
    });
    function pointerEnd(e) {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = null;
      drag = null;
      svg.classList.remove("is-panning");
    }
    window.addEventListener("pointerup", pointerEnd);
    window.addEventListener("pointercancel", pointerEnd);
    svg.addEventListener("click", function (e) {
      if (dragged) { dragged = false; return; }
      activate(e.target);
    });
    svg.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        if (activate(e.target)) e.preventDefault();
        return;
      }
      var step = 80, moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0],
                               ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[e.key] && e.target === svg) {
        tx += moves[e.key][0];
        ty += moves[e.key][1];
        apply();
        e.preventDefault();
      } else if (e.key === "+" || e.key === "=" || e.key === "-") {
        var vp = size();
        zoomAt(e.key === "-" ? 1 / 1.25 : 1.25, vp.w / 2, vp.h / 2);
        e.preventDefault();
      }
    });
    svg.addEventListener("focusin", function (e) {
      var g = e.target.closest && e.target.closest(".am-node");
      if (g) reveal(boxOf(g.getAttribute("data-id")));
    });
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = svg.getBoundingClientRect();
      var delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      zoomAt(Math.exp(-delta * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    document.querySelector(".am-diagram-controls").addEventListener("click", function (e) {
      var button = e.target.closest("button[data-zoom]");
      if (!button) return;
      var vp = size(), how = button.getAttribute("data-zoom");
      if (how === "fit") fit(0);
      else zoomAt(how === "in" ? 1.25 : 1 / 1.25, vp.w / 2, vp.h / 2);
    });
    if (window.ResizeObserver) new ResizeObserver(schedule).observe(svg);

    function activate(target) {
      var more = target.closest && target.closest(".am-more");
      if (more) {
        var id = more.getAttribute("data-more");
        hiddenReplies(id).forEach(function (r) { state.revealed.add(r); });
        computeVisibility();
        redraw();
        var next = drawnNodes.get(id);
        if (next) next.focus();
        return true;
      }
      var group = target.closest && target.closest(".am-group");
      if (group) {
        zoomToGroup(groups[Number(group.getAttribute("data-group"))]);
        return true;
      }
      var g = target.closest && target.closest(".am-node");
      if (g) {
        navigate(g.getAttribute("data-id"));
        return true;
      }
      return false;
    }

    // Zoom in on a group until its claims are boxes with text: the whole group if it fits
    // the window at that zoom, else its top left; then focus its first claim.
    function zoomToGroup(grp) {
      var vp = size(), ids = grp.ids.filter(function (id) { return shown.has(id); });
      var bb = bounds(ids);
      if (!vp.w || !bb) return;
      var pad = 40, top = 30;  // as fit(): room for the zoom buttons
      var s = Math.min((vp.w - 2 * pad) / (bb[2] - bb[0]), (vp.h - 2 * pad - top) / (bb[3] - bb[1]), 1);
      scale = Math.max(s, 1.5 * GROUP_SCALE);
      var w = scale * (bb[2] - bb[0]), h = scale * (bb[3] - bb[1]);
      tx = w <= vp.w - 2 * pad ? (vp.w - w) / 2 - scale * bb[0] : pad - scale * bb[0];
      ty = h <= vp.h - 2 * pad - top ? top + (vp.h - top - h) / 2 - scale * bb[1] : pad + top - scale * bb[1];
      apply();
      update();
      var first = drawnNodes.get(ids[0]);
      if (first) first.focus({ preventScroll: true });
      announce(grp.label + ": " + ids.length + (ids.length === 1 ? " claim" : " claims"));
    }

    function redraw() {
      clear();
      update();
    }

    function select(id) {
      drawnNodes.forEach(function (g, key) { g.classList.toggle("is-selected", key === id); });
      drawnEdges.forEach(function (path, index) {
        var e = DATA.edges[index];
        path.classList.toggle("is-related", !!id && (e.source === id || e.target === id));
      });
    }

    function show(id) {
      if (!shown.has(id)) {
        state.revealed.add(id);
        computeVisibility();
        clear();
      }
      reveal(boxOf(id), true);
      update();
      select(id);
    }

    function depthOptions() {
      var select = document.getElementById("am-depth");
      for (var d = 0; d < DATA.view.layers; d++) {
        var last = d === DATA.view.layers - 1;
        append(select, el("option", { value: String(d) }, last ? "All" : String(d + 1)));
      }
      select.value = String(state.depth);
      select.addEventListener("change", function () {
        state.depth = Number(select.value);
        state.revealed.clear();
        computeVisibility();
        redraw();
      });
    }

    return { update: update, schedule: schedule, fit: fit, redraw: redraw, select: select,
             scale: function () { return scale; },
             show: show, depthOptions: depthOptions, drawLanes: drawLanes,
             fitted: function () { return fitted; }, grouped: function () { return !!(detail && detail.groups); } };
  })();

  /* ---------------------------------------------------------------- outline */

  // The outline's rows arrive as the text of a <noscript> (the page's largest part: at ten
  // thousand claims half a million nodes, most of the page's loading time). Without
  // JavaScript the browser shows them as they are; with it they are raw text, cheap to load,
  // and become rows the first time they are needed: the outline opens, or the page prints.
  // Until then the filters, the selection and a part to print are remembered, not drawn.
  var Outline = (function () {
    var view = document.getElementById("am-outline-view");
    var items = null;
    var printKeep = null;
    var selectedId = null;

    function ensure() {
      if (items) return;
      Array.prototype.slice.call(view.querySelectorAll("noscript.am-outline-rows"))
        .forEach(function (rows) {
          rows.insertAdjacentHTML("afterend", rows.textContent);
          rows.remove();
        });
      items = Array.prototype.slice.call(view.querySelectorAll(".ol-item"));
      filter();
      markPrint(printKeep);
      if (selectedId) select(selectedId, false);
    }

    function setOpen(list, open) {
      list.hidden = !open;
      var toggle = view.querySelector('[aria-controls="' + list.id + '"]');
      if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function openAncestors(li) {
      var list = li.parentElement;
      while (list && list.classList.contains("ol-children")) {
        if (list.hidden) setOpen(list, true);
        list = list.parentElement.parentElement;
      }
    }

    view.addEventListener("click", function (e) {
      var toggle = e.target.closest(".ol-toggle");
      if (!toggle) return;
      var list = document.getElementById(toggle.getAttribute("aria-controls"));
      setOpen(list, list.hidden);
    });

    // A claim that passes the filters keeps the claims it replies to above it, dimmed, as
    // context: hiding them would put it straight under another claim (even under the other
    // side's resolution) with a "supports" or "attacks" it does not have there.
    function mark(keep, out, above, open) {
      var context = new Set();
      items.forEach(function (li) {
        if (!keep.has(li.getAttribute("data-claim"))) return;
        var up = li.parentElement && li.parentElement.closest(".ol-item");
        while (up && !context.has(up)) {
          context.add(up);
          up = up.parentElement && up.parentElement.closest(".ol-item");
        }
      });
      items.forEach(function (li) {
        var ok = keep.has(li.getAttribute("data-claim"));
        li.classList.toggle(out, !ok && !context.has(li));
        li.classList.toggle(above, !ok && context.has(li));
        if (ok && open && !li.classList.contains("ol-ref")) openAncestors(li);
      });
    }

    function filter() {
      if (!items) return;
      mark(passing, "is-filtered", "is-context", state.words.length || state.topic || state.kind);
    }

    // What the print of a part keeps: its claims, and the rows above them as context.
    function markPrint(keep) {
      printKeep = keep || null;
      if (!items) return;
      mark(keep || new Set(), "pr-out", "pr-context", false);
    }

    function fullEntry(id) {
      return view.querySelector('.ol-item:not(.ol-ref)[data-claim="' + CSS.escape(id) + '"]');
    }

    function select(id, scroll) {
      selectedId = id;
      if (scroll) ensure();
      if (!items) return;
      items.forEach(function (li) {
        li.classList.toggle("is-selected", li.getAttribute("data-claim") === id &&
                            !li.classList.contains("ol-ref"));
      });
      var li = id && fullEntry(id);
      if (!li) return;
      openAncestors(li);
      if (scroll) li.scrollIntoView({ block: "nearest" });
    }

    // Registered before the print module's own listeners, so the rows are there when it
    // marks a part for print.
    whenPrinting(ensure);

    return { filter: filter, select: select, markPrint: markPrint, ensure: ensure };
  })();

  /* ---------------------------------------------------------------- focused view */

  // One branch at a time, as Kialo shows a claim with its pros and cons: the claim on top,
  // the claims that reply to it below in a lane per perspective (always in the same order),
  // grouped by how they reply, each group hanging from the claim by its own line. The same
  // markup as the printed atlas. It opens on the overview: each resolution with a few of its
  // replies from each side.
  var Focus = (function () {
    var view = document.getElementById("am-focus-view");
    var crumbs = document.getElementById("am-crumbs");
    var body = document.getElementById("am-focus-body");
    var PREVIEW = 3;
    // The claims drawn in full and those kept as dimmed context: the filters' on screen, a
    // part's own while it is drawn for print.
    var scope = null;
    function isIn(id) { return scope ? scope.members.has(id) : passing.has(id); }
    function isAbove(id) { return scope ? scope.context.has(id) : context.has(id); }
    var current = null;  // the id shown; "" for the overview
    var trail = [];      // ids from a resolution (or a claim that replies to nothing) down
    var laneIds = DATA.perspectives.map(function (p) { return p.id; }).filter(function (p) {
      return DATA.nodes.some(function (n) { return n.perspective === p; });
    });
    var roots = DATA.nodes.filter(function (n) {
      return n.type === "resolution" || (outgoing.get(n.id).length === 0 &&
                                         incoming.get(n.id).length > 0);
    });

    function replyCount(id) {
      return incoming.get(id).length;
    }

    // The way up from a claim: its first support (else any reply) target, to a root.
    function pathTo(id) {
      var path = [id], seen = new Set([id]), at = id;
      for (;;) {
        var up = outgoing.get(at).slice().sort(function (a, b) {
          return (a.type === "supports" ? 0 : 1) - (b.type === "supports" ? 0 : 1);
        }).filter(function (e) { return !seen.has(e.target); })[0];
        if (!up) return path.reverse();
        at = up.target;
        seen.add(at);
        path.push(at);
      }
    }

    function meta(n, inLane) {
      var who = n.type === "resolution" ? "Resolution" :
        [inLane ? "" : label(n.perspective), n.kind].filter(Boolean).join(" · ");
      var parts = [el("span", { "class": "at-who" }, who)];
      if (n.agreed && n.agreed.length) {
        parts.push(el("span", { "class": "fv-agreed" },
                      "common ground: also held by " + n.agreed.map(label).join(", ")));
      }
      if (n.unanswered) parts.push(el("span", { "class": "am-badge fv-open" }, "No reply recorded"));
      return el("div", { "class": "at-meta" }, parts);
    }

    function card(e) {
      var n = nodes.get(e.source);
      var count = replyCount(n.id);
      var parts = [meta(n, true), el("div", { "class": "at-text" }, n.text)];
      if (e.note) parts.push(el("div", { "class": "fv-note" }, "Point at issue: " + e.note));
      var foot = [];
      if (n.evidence && n.evidence.length) {
        foot.push(n.evidence.length + (n.evidence.length === 1 ? " evidence item" : " evidence items"));
      }
      foot.push(count ? count + (count === 1 ? " reply" : " replies") + " \u203a" : "no replies");
      parts.push(el("div", { "class": "fv-foot" }, foot.join(" · ")));
      return el("a", { "class": "at-box fv-card " + e.type + " p" + n.p +
                       (n.unanswered ? " is-unanswered" : "") +
                       (isIn(n.id) ? "" : " is-context"), href: "#" + n.id,
                       "data-id": n.id }, parts);
    }

    function nest(groups, limit, more) {
      // the last group's line outermost, as in the atlas
      if (!groups.length) return null;
      var last = groups[groups.length - 1];
      var box = el("div", { "class": "at-rel " + last.kind });
      append(box, nest(groups.slice(0, -1), limit, more));
      append(box, el("div", { "class": "at-gh" }, OUT[last.kind]));
      var shownEdges = limit ? last.edges.slice(0, limit) : last.edges;
      append(box, shownEdges.map(card));
      if (shownEdges.length < last.edges.length) {
        append(box, el("a", { "class": "fv-more", href: more },
                       "Show all " + last.edges.length + " \u203a"));
      }
      return box;
    }

    // Under a filter, the claims that pass it and reach a root only through claims that do
    // not: root id -> perspective -> [claim ids]. The overview shows them in their side's
    // lane below that root, each with what it answers (dimmed), so no side disappears
    // because its claims answer the other side's claims rather than the resolution.
    var deeper = new Map();

    function findDeeper() {
      deeper = new Map();
      if (!(state.words.length || state.topic || state.kind)) return;
      DATA.nodes.forEach(function (n) {
        if (n.type !== "claim" || !passing.has(n.id)) return;
        var path = pathTo(n.id);
        if (path.length < 3) return;  // a direct reply of its root is in the lane already
        var root = path[0];
        var byPerspective = deeper.get(root) || new Map();
        deeper.set(root, byPerspective);
        var list = byPerspective.get(n.perspective) || [];
        byPerspective.set(n.perspective, list);
        list.push({ id: n.id, target: path[path.length - 2] });
      });
    }

    function deeperCards(root, p, limit) {
      var found = (deeper.get(root) && deeper.get(root).get(p)) || [];
      if (!found.length) return null;
      var shownItems = limit ? found.slice(0, limit) : found;
      var items = shownItems.map(function (d) {
        var edge = outgoing.get(d.id).filter(function (e) { return e.target === d.target; })[0];
        var t = nodes.get(d.target);
        return el("div", { "class": "fv-deeper-item" }, [
          el("a", { "class": "fv-path is-context", href: "#" + t.id }, [
            el("span", { "class": "fv-rel " + edge.type }, OUT[edge.type] + ":"), " ", t.text]),
          card(edge)]);
      });
      if (shownItems.length < found.length) {
        items.push(el("p", { "class": "fv-hidden" }, "and " + (found.length - shownItems.length) +
                      " more further down"));
      }
      return el("div", { "class": "fv-deeper" }, [
        el("div", { "class": "at-gh" }, "Further down, passing the filters")].concat(items));
    }

    function lanes(id, limit) {
      var byLane = {}, hidden = 0;
      incoming.get(id).forEach(function (e) {
        // the overview shows what passes (and, below, what passes further down with what it
        // answers); a branch keeps the way down to what passes, dimmed
        if (!isIn(e.source) && (limit || !isAbove(e.source))) { hidden++; return; }
        var p = nodes.get(e.source).perspective;
        var lane = byLane[p] = byLane[p] || {};
        (lane[e.type] = lane[e.type] || []).push(e);
      });
      var grid = el("div", { "class": "at-lanes n" + Math.min(Math.max(laneIds.length, 1), 6) });
      laneIds.forEach(function (p) {
        var lane = byLane[p] || {};
        var groups = KINDS.filter(function (k) { return lane[k]; }).map(function (k) {
          // the claims that pass the filters first; the dimmed context after them
          var edges = lane[k].filter(function (e) { return isIn(e.source); });
          return { kind: k, edges: edges.concat(lane[k].filter(function (e) {
            return !isIn(e.source);
          })) };
        });
        var persp = perspectives.get(p);
        var index = DATA.perspectives.indexOf(persp);
        var further = scope ? null : deeperCards(id, p, limit);
        append(grid, el("div", { "class": "at-lane p" + index }, [
          el("div", { "class": "at-lane-head" }, label(p)),
          groups.length ? nest(groups, limit, "#" + id)
                        : further ? null
                        : el("p", { "class": "at-none" }, "No replies from this perspective" +
                                    (hidden ? " shown" : "") + "."),
          further,
        ]));
      });
      var out = [grid];
      if (hidden) {
        out.unshift(el("p", { "class": "fv-hidden" }, hidden + (hidden === 1 ? " reply is" : " replies are") +
                       " hidden by the filters."));
      }
      return out;
    }

    function parentCard(n, full) {
      var cls = "at-parent fv-parent " + (n.type === "resolution" ? "resolution" : "claim p" + n.p);
      var parts = [meta(n, false), el(full ? "h2" : "div", { "class": "at-text", id: full ? "am-focus-title" : null,
                                                           tabindex: full ? "-1" : null }, n.text)];
      if (full) {
        if (n.note) parts.push(el("p", { "class": "fv-note" }, "Note: " + n.note));
        if (n.evidence && n.evidence.length) {
          parts.push(el("details", { "class": "fv-evidence" }, [
            el("summary", null, "Evidence (" + n.evidence.length + ")")].concat(Panel.evidence(n.evidence))));
        }
        var out = outgoing.get(n.id);
        if (out.length) {
          parts.push(el("ul", { "class": "fv-targets" }, out.map(function (e) {
            var t = nodes.get(e.target);
            return el("li", null, [el("span", { "class": "fv-rel " + e.type }, OUT[e.type]),
                                   " ", el("a", { href: "#" + t.id }, t.text)]);
          })));
        }
      } else {
        return el("a", { "class": cls, href: "#" + n.id }, parts);
      }
      return el("div", { "class": cls }, parts);
    }

    function branch(id, limit, full) {
      var n = nodes.get(id);
      var parts = lanes(id, limit);
      if (full && !scope) parts.unshift(sideTabs(parts[parts.length - 1]));
      return el("section", { "class": "at-branch fv-branch", "aria-label": n.text.slice(0, 80) },
                [parentCard(n, full)].concat(parts));
    }

    // On a phone the lanes stack, so one side's replies would start screens below the
    // other's: a button per side (the page's CSS shows them only there) shows one lane at a
    // time, the sides in the debate's order, each with its count of replies.
    function sideTabs(grid) {
      var lanesEls = Array.prototype.slice.call(grid.children);
      var buttons = lanesEls.map(function (lane, i) {
        var count = lane.querySelectorAll(".fv-card").length;
        var b = el("button", { type: "button", "class": "fv-side", "aria-pressed": i ? "false" : "true" },
                   lane.querySelector(".at-lane-head").textContent + " (" + count + ")");
        b.addEventListener("click", function () {
          buttons.forEach(function (other, j) {
            other.setAttribute("aria-pressed", j === i ? "true" : "false");
            lanesEls[j].classList.toggle("is-side-off", j !== i);
          });
        });
        if (i) lane.classList.add("is-side-off");
        return b;
      });
      return el("div", { "class": "fv-sides", role: "group", "aria-label": "Replies by perspective" },
                buttons);
    }

    function drawCrumbs() {
      // the overview needs no trail: the question heads it
      if (!current) { crumbs.replaceChildren(); return; }
      var items = [el("li", null, current ? el("a", { href: "#am-overview" }, "Overview")
                                          : el("span", { "aria-current": "page" }, "Overview"))];
      trail.forEach(function (id, i) {
        var n = nodes.get(id), last = i === trail.length - 1;
        var text = n.text.length > 60 ? n.text.slice(0, 57).replace(/\s+\S*$/, "") + "\u2026" : n.text;
        items.push(el("li", null, last ? el("span", { "aria-current": "page" }, text)
                                       : el("a", { href: "#" + id }, text)));
      });
      crumbs.replaceChildren(el("ol", null, items));
    }

    function show(id) {
      if (id && !nodes.has(id)) id = "";
      if (id) {
        var at = trail.indexOf(id);
        if (at >= 0) trail = trail.slice(0, at + 1);
        else if (trail.length && incoming.get(trail[trail.length - 1]).some(function (e) { return e.source === id; })) trail = trail.concat([id]);
        else trail = pathTo(id);
      } else {
        trail = [];
      }
      current = id;
      render();
    }

    function render() {
      if (current === null) return;
      drawCrumbs();
      if (current) {
        body.replaceChildren(branch(current, 0, true));
      } else {
        var parts = [];
        findDeeper();
        if (DATA.question) parts.push(el("p", { "class": "fv-question" }, DATA.question));
        roots.forEach(function (n) { parts.push(branch(n.id, PREVIEW, false)); });
        if (!roots.length) parts.push(el("p", null, "This map has no resolutions or replies yet."));
        body.replaceChildren.apply(body, parts);
      }
    }

    // The branches of a part, depth first from its top, each claim's replies after it: every
    // claim of the part is in one, under what it answers.
    function partBranches(part) {
      scope = part;
      var out = [], seen = new Set();
      var stack = part.tops.slice().reverse();
      try {
        while (stack.length) {
          var id = stack.pop();
          if (seen.has(id)) continue;
          seen.add(id);
          var kept = incoming.get(id).filter(function (e) {
            return part.members.has(e.source) || part.context.has(e.source);
          });
          if (kept.length) out.push(branch(id, 0, false));
          for (var i = kept.length - 1; i >= 0; i--) stack.push(kept[i].source);
        }
      } finally {
        scope = null;
      }
      return out;
    }

    return { show: show, render: render, current: function () { return current; },
             roots: roots, pathTo: pathTo, partBranches: partBranches,
             focusTitle: function () {
               var t = document.getElementById("am-focus-title");
               if (t) t.focus({ preventScroll: true });
               view.scrollTop = 0;
             } };
  })();

  /* ---------------------------------------------------------------- details panel */

  var Panel = (function () {
    var panel = document.getElementById("am-panel");
    var body = document.getElementById("am-panel-body");
    var returnFocus = null;

    function link(id) {
      var n = nodes.get(id);
      return el("a", { href: "#" + id }, n ? n.text : id);
    }

    function citation(ev) {
      var s = DATA.sources[ev.source];
      if (!s) return el("div", { "class": "am-cite" }, ev.source);
      var first = [];
      if (s.author) first.push(s.author + ", ");
      first.push(el("cite", null, s.title));
      var second = [s.publisher, s.type ? "(" + s.type + ")" : ""].filter(Boolean).join(" ");
      second = [second, s.year].filter(Boolean).join(", ");
      var lines = [el("span", null, first)];
      if (second) lines.push(el("span", null, second));
      if (ev.locator) lines.push(el("span", null, "Locator: " + ev.locator));
      if (s.perspective) lines.push(el("span", null, "Source perspective: " + label(s.perspective)));
      if (ev.traced_to) {
        var primary = DATA.sources[ev.traced_to];
        lines.push(el("span", null, "Figure traced to: " + (primary ? primary.title : ev.traced_to)));
      }
      var url = safeUrl(s.url);
      if (url) {
        lines.push(el("span", null, el("a", { href: url, rel: "noopener noreferrer",
                                              target: "_blank" }, url)));
      }
      return el("div", { "class": "am-cite" }, lines);
    }

    function evidence(items) {
      return items.map(function (ev) {
        return el("figure", { "class": "am-evidence" }, [
          ev.quote ? el("blockquote", { "class": "am-quote" }, ev.quote) : null,
          ev.finding ? el("p", { "class": "am-finding" }, [
            el("span", { "class": "am-finding-label" }, "Reported finding (not a quote): "),
            ev.finding]) : null,
          el("figcaption", null, citation(ev)),
        ]);
      });
    }

    function relationList(edges, end) {
      return el("ul", null, edges.map(function (e) {
        var other = nodes.get(e[end]);
        var who = other.type === "resolution" ? "Resolution" : label(other.perspective);
        return el("li", null, [
          link(e[end]), el("span", { "class": "am-rel-who" }, "(" + who + ")"),
          e.note ? el("span", { "class": "am-rel-note" }, "Note: " + e.note) : null,
        ].concat(evidence(e.evidence || [])));
      }));
    }

    function render(n) {
      var parts = [];
      var kicker = el("p", { "class": "am-panel-kicker" });
      if (n.type === "claim") {
        append(kicker, el("span", { "class": "am-chip p" + n.p }, label(n.perspective)));
        if (n.kind) append(kicker, el("span", null, n.kind.charAt(0).toUpperCase() + n.kind.slice(1)));
        if (n.unanswered) append(kicker, el("span", { "class": "am-badge" }, "No reply recorded"));
      } else {
        append(kicker, el("span", { "class": "am-chip" }, "Resolution"));
      }
      parts.push(kicker, el("h2", { id: "am-panel-title", tabindex: "-1" }, n.text));
      if (n.tags && n.tags.length) {
        parts.push(el("ul", { "class": "am-tags", "aria-label": "Topics" }, n.tags.map(function (t) {
          return el("li", null, topics.get(t) || t);
        })));
      }
      if (n.note) parts.push(el("h3", null, "Note"), el("p", null, n.note));
      if (n.type === "claim") {
        parts.push(el("h3", null, "Evidence"));
        parts.push.apply(parts, n.evidence.length ? evidence(n.evidence)
                                                  : [el("p", null, "No evidence given.")]);
      }
      KINDS.forEach(function (kind) {
        var out = outgoing.get(n.id).filter(function (e) { return e.type === kind; });
        if (out.length) parts.push(el("h3", null, OUT[kind]), relationList(out, "target"));
      });
      KINDS.forEach(function (kind) {
        var inc = incoming.get(n.id).filter(function (e) { return e.type === kind; });
        if (inc.length) parts.push(el("h3", null, IN[kind]), relationList(inc, "source"));
      });
      if (n.file) parts.push(el("p", { "class": "am-file" }, "Defined in " + n.file + " (id: " + n.id + ")"));
      body.replaceChildren.apply(body, parts);
      body.scrollTop = 0;
      panel.scrollTop = 0;
    }

    function open(id, focus) {
      var n = nodes.get(id);
      if (!n) return;
      if (panel.hidden) returnFocus = document.activeElement;
      render(n);
      panel.hidden = false;
      announce("Details: " + n.text.slice(0, 160));
      if (focus) document.getElementById("am-panel-title").focus({ preventScroll: true });
    }

    function close() {
      panel.hidden = true;
      body.replaceChildren();
      var back = returnFocus;
      returnFocus = null;
      if (back && back.isConnected && back !== document.body) back.focus();
      announce("Details closed");
    }

    panel.querySelector(".am-close").addEventListener("click", function () { closeClaim(); });
    return { open: open, close: close, isOpen: function () { return !panel.hidden; },
             evidence: evidence };
  })();

  /* ---------------------------------------------------------------- printing a part */

  // Print what you see: under a filter or with a claim open, the browser's print gives that
  // part of the map (its branches, then its outline) headed by what part it is; a button
  // keeps the whole map's print one click away.
  var Print = (function () {
    var section = document.getElementById("am-print-part");
    var note = document.getElementById("am-print-note");
    var noteName = document.getElementById("am-print-part-name");
    var part = null, drawnKey = null, whole = false, timer = 0;

    function narrowed() {
      return !!(state.hidden.size || state.topic || state.kind || state.words.length);
    }

    function replyTree(id) {
      var found = new Set([id]), stack = [id];
      while (stack.length) {
        incoming.get(stack.pop()).forEach(function (e) {
          if (!found.has(e.source)) { found.add(e.source); stack.push(e.source); }
        });
      }
      return found;
    }

    // What the part's claims answer, up to its top, kept as context.
    function above(members, within) {
      var context = new Set(), stack = Array.from(members);
      while (stack.length) {
        outgoing.get(stack.pop()).forEach(function (e) {
          var t = e.target;
          if (members.has(t) || context.has(t) || (within && !within.has(t))) return;
          context.add(t);
          stack.push(t);
        });
      }
      return context;
    }

    function shorten(text) {
      return text.length > 70 ? text.slice(0, 67).replace(/\s+\S*$/, "") + "\u2026" : text;
    }

    function describe(focus, count) {
      var bits = [];
      if (focus) {
        var n = nodes.get(focus);
        bits.push((n.type === "resolution" ? "Resolution" : "Claim") + ": \u201c" +
                  shorten(n.text) + "\u201d and the replies to it");
      }
      if (state.hidden.size) {
        bits.push("Perspectives: " + (DATA.perspectives.filter(function (p) {
          return !state.hidden.has(p.id);
        }).map(function (p) { return p.label; }).join(", ") || "none"));
      }
      if (state.topic) bits.push("Topic: " + (topics.get(state.topic) || state.topic));
      if (state.kind) bits.push("Kind: " + state.kind.charAt(0).toUpperCase() + state.kind.slice(1));
      if (state.words.length) bits.push("Search: \u201c" + state.words.join(" ") + "\u201d");
      return bits.join("; ") + " \u2014 " + count + " of " + claimCount +
        (claimCount === 1 ? " claim" : " claims");
    }

    function find() {
      var focus = state.selected;
      if (!focus && !narrowed()) return null;
      var members = new Set(), tops, within = null;
      if (focus) {
        within = replyTree(focus);
        within.forEach(function (id) { if (id === focus || passing.has(id)) members.add(id); });
        tops = [focus];
      } else {
        passing.forEach(function (id) { if (nodes.get(id).type === "claim") members.add(id); });
      }
      var context = above(members, within);
      if (!focus) {
        tops = Focus.roots.map(function (n) { return n.id; }).filter(function (id) {
          return members.has(id) || context.has(id);
        });
      }
      var count = 0;
      members.forEach(function (id) { if (nodes.get(id).type === "claim") count++; });
      return { members: members, context: context, tops: tops, name: describe(focus, count) };
    }

    function draw() {
      window.clearTimeout(timer);
      var key = part && part.name + "|" + part.members.size;
      if (key === drawnKey) return;
      drawnKey = key;
      if (!part) { section.replaceChildren(); return; }
      section.replaceChildren.apply(section, [
        el("h1", { "class": "pp-title" }, DATA.title),
        el("p", { "class": "pp-part" }, "Part of the map: " + part.name),
        el("p", { "class": "pp-how" }, "Each branch shows a claim and, below it, the claims " +
           "of this part that reply to it, in one column per perspective. Dimmed claims are " +
           "outside this part: they show what its claims answer. The outline of this part " +
           "follows; the whole map prints from the map page's \u201cPrint the whole map\u201d."),
      ].concat(Focus.partBranches(part)));
    }

    function apply() {
      root.classList.toggle("am-print-part-on", !!part && !whole);
    }

    // Called whenever the filters or the open claim change: the note now, the pages soon
    // (and at once if the print starts first).
    function sync() {
      part = find();
      note.hidden = !part;
      noteName.textContent = part ? "Showing " + part.name + "." : "";
      Outline.markPrint(part && part.members);
      apply();
      window.clearTimeout(timer);
      timer = window.setTimeout(draw, 250);
    }

    function printWhole() {
      whole = true;
      apply();
      try { window.print(); } finally { whole = false; apply(); }
    }

    document.getElementById("am-print-whole").addEventListener("click", printWhole);
    whenPrinting(draw);
    window.addEventListener("afterprint", function () { whole = false; apply(); });
    return { sync: sync, draw: draw };
  })();

  /* ---------------------------------------------------------------- views (tabs) */

  var tabs = Array.prototype.slice.call(document.querySelectorAll('.am-tabs [role="tab"]'));
  var currentView = "focus";

  function showView(name, focusTab) {
    currentView = name;
    if (name === "outline") Outline.ensure();
    tabs.forEach(function (tab) {
      var on = tab.id === "am-tab-" + name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
      if (on && focusTab) tab.focus();
    });
    if (name === "diagram") {
      Diagram.schedule();
      if (state.selected) Diagram.show(state.selected);
      // the whole map, unless it is so big that its boxes would be specks too small for
      // any text: then its top, at the smallest zoom that still shows their short forms
      else if (!Diagram.fitted()) Diagram.fit(OPEN_MIN_SCALE);
    }
    if (name === "focus") Focus.render();
    else if (state.selected && !Panel.isOpen()) Panel.open(state.selected, false);
    if (name === "focus" && Panel.isOpen()) Panel.close();
  }

  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () { showView(tab.id.slice(7)); });
    tab.addEventListener("keydown", function (e) {
      var step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (!step) return;
      var next = tabs[(i + step + tabs.length) % tabs.length];
      showView(next.id.slice(7), true);
      e.preventDefault();
    });
  });

  /* ---------------------------------------------------------------- opening claims */

  function hashId() {
    try {
      return decodeURIComponent(window.location.hash.slice(1));
    } catch (err) {
      return "";
    }
  }

  // Every claim has an address, index.html#<id>: following a link changes the hash, and
  // the hash opens the claim, so Back and Forward walk through the claims seen.
  function navigate(id) {
    if (hashId() === id) openClaim(id);
    else window.location.hash = id;
  }

  // In the claim-by-claim view a claim opens as the branch on top, its evidence with it;
  // in the whole map and the outline it opens in the details panel.
  function openClaim(id) {
    if (!nodes.has(id)) return;
    state.selected = id;
    Focus.show(id);
    if (currentView === "focus") {
      Focus.focusTitle();
    } else {
      Panel.open(id, true);
      Diagram.show(id);
    }
    Outline.select(id, currentView === "outline");
    Print.sync();
  }

  function closeClaim() {
    var was = state.selected;
    state.selected = null;
    computeVisibility();
    if (was && !shown.has(was)) Diagram.redraw(); // it was drawn only because it was open
    Panel.close();
    Diagram.select(null);
    Outline.select(null, false);
    Print.sync();
    if (window.location.hash) {
      try {
        history.replaceState(null, "", window.location.pathname + window.location.search);
      } catch (err) {
        window.location.hash = "";
      }
    }
  }

  function onHash() {
    var id = hashId();
    if (nodes.has(id)) openClaim(id);
    else if (id === "am-outline-view") showView("outline");
    else if (id === "am-overview" || !id) {
      state.selected = null;
      Focus.show("");
      Print.sync();
      if (currentView !== "focus") showView("focus");
    }
  }

  window.addEventListener("hashchange", onHash);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && Menu.close()) {
      e.preventDefault();
    } else if (e.key === "Escape" && Panel.isOpen()) {
      closeClaim();
      e.preventDefault();
    }
  });
  document.addEventListener("click", function (e) {
    // Links to the claim already in the address bar would not fire hashchange.
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    if (!a || e.defaultPrevented) return;
    var id = a.getAttribute("href").slice(1);
    if (nodes.has(id) && hashId() === id) {
      e.preventDefault();
      openClaim(id);
    }
  });

  /* ---------------------------------------------------------------- start */

  Diagram.depthOptions();
  Diagram.drawLanes();
  refresh();
  showView("focus");
  Focus.show("");
  onHash();
  window.argmapTiming = { script: performance.now() - started, ready: performance.now() };
  window.argmapReady = true;
})();
