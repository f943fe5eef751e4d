// refpath's HTML map: draws the embedded team network with sigma.js (vendored, inlined).
// Every string from the data is shown with textContent, never as HTML.
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("refpath-data").textContent);
  var P = data.people;
  var N = P.n.length;
  var ME = data.me;
  var ROUTE = data.route_colour;
  var INFERRED = "#e8909a";
  var OWNER = "#1b1b1b";
  var clusterColour = {};
  var clusterTag = {};
  data.clusters.forEach(function (c) { clusterColour[c.id] = c.colour; clusterTag[c.id] = c.tag; });
  var isOwner = new Uint8Array(N);
  data.owners.forEach(function (i) { isOwner[i] = 1; });
  var direct = new Uint8Array(N);
  data.direct.forEach(function (i) { direct[i] = 1; });

  function el(id) { return document.getElementById(id); }
  function add(parent, tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }
  function name(i) { return i === ME ? "You" : P.n[i]; }
  function company(i) { return data.companies[P.co[i]]; }
  function position(i) { return data.positions[P.po[i]]; }
  function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); }

  // The same folding as refpath's name matching (refpath/identity.py): compatibility
  // decomposition, accents and marks dropped, apostrophes and hyphens joined, every other
  // symbol or emoji a space, case folded. People's names are folded by refpath itself.
  function fold(text) {
    return text.normalize("NFKD")
      .replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "")
      .replace(/['\u2019-]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .toLowerCase().replace(/\u00df/g, "ss")
      .trim().split(/\s+/).join(" ");
  }

  // ---- titles and legend ----
  var nOwners = data.owners.length;
  var nClusters = data.clusters.filter(function (c) { return c.id >= 0; }).length;
  el("title").textContent = data.title;
  el("subtitle").textContent = plural(N - nOwners, "person", "people") + ", " +
    plural(nOwners, "colleague", "colleagues") + ", " +
    plural(nClusters, "market cluster", "market clusters") +
    ". Scroll to zoom, drag to pan, hover a dot, click a person to see who can introduce you.";
  var list = el("clusters");
  data.clusters.forEach(function (c) {
    var li = add(list, "li", null, "cluster");
    add(li, "span", null, "swatch").style.background = c.colour;
    var names = c.companies.map(function (x) { return x[0]; }).join(", ");
    if (c.more > 0) names += " +" + c.more + " more";
    var t = add(li, "span");
    add(t, "b", c.tag + " ");
    t.appendChild(document.createTextNode(names + " (" + plural(c.people, "person", "people") + ")"));
    li.title = "Zoom to " + c.tag;
    li.addEventListener("click", function () { zoomToCluster(c.id); });
  });
  var marks = el("marks");
  [["colleague", OWNER, "a colleague (an export was added)"],
   ["", OWNER, ME === null ? null : "you (the export added with --me)"],
   ["line", ROUTE, "a route to the person you clicked; pink hops are inferred (same company)"]]
    .forEach(function (m) {
      if (m[2] === null) return;
      var li = add(marks, "li");
      var s = add(li, "span", null, "swatch " + m[0]);
      s.style.background = m[1];
      if (m[0] === "") { s.style.width = "13px"; s.style.height = "13px"; s.style.border = "2px solid #f2b705"; }
      if (m[0] === "colleague") { s.style.width = "11px"; s.style.height = "11px"; s.style.border = "1.5px solid #fff"; s.style.boxShadow = "0 0 0 1px #1b1b1b"; }
      add(li, "span", m[2]);
    });

  // ---- the graph ----
  var graph = new graphology.MultiUndirectedGraph();
  var small = N <= 3000;
  var base = Math.max(1.2, Math.min(4.5, 60 / Math.sqrt(N + 1)));
  var ownerSize = Math.max(6, Math.min(8, 2 * base + 2));
  for (var i = 0; i < N; i++) {
    var attrs = { x: P.x[i], y: P.y[i], label: P.n[i],
      color: clusterColour[P.c[i]] || data.other_colour, size: base };
    if (isOwner[i]) {
      attrs.color = OWNER; attrs.size = ownerSize; attrs.forceLabel = nOwners <= 40;
      attrs.type = "colleague";
    }
    if (i === ME) {
      attrs.size = ownerSize * 1.6; attrs.type = "me"; attrs.label = "You"; attrs.forceLabel = true;
    }
    graph.addNode(i, attrs);
  }
  var E = data.edges.length / 2;
  var edgeColour = "rgba(85,85,85," + Math.min(0.5, 12 / Math.sqrt(E + 1)).toFixed(3) + ")";
  for (var e = 0; e < data.edges.length; e += 2) {
    graph.addEdge(data.edges[e], data.edges[e + 1], { color: edgeColour, size: 0.5 });
  }

  var programs = {};
  programs.colleague = Sigma.rendering.createNodeBorderProgram({
    borders: [{ size: { value: 0.2 }, color: { value: "#ffffff" } },
              { size: { fill: true }, color: { attribute: "color" } }]
  });
  programs.me = Sigma.rendering.createNodeBorderProgram({
    borders: [{ size: { value: 0.35 }, color: { value: "#f2b705" } },
              { size: { fill: true }, color: { attribute: "color" } }]
  });

  // ---- what is selected ----
  var selected = null;  // person index
  var onRoute = new Map();  // person index -> role ("target", "via")
  var routeEdges = [];

  function nodeReducer(node, attrs) {
    if (selected === null) return attrs;
    var role = onRoute.get(+node);
    if (role === undefined) return attrs;
    var out = Object.assign({}, attrs);
    out.forceLabel = true;
    out.zIndex = 2;
    if (role === "target") { out.color = ROUTE; out.size = Math.max(attrs.size * 2, 9); out.highlighted = true; }
    else { out.size = Math.max(attrs.size * 1.5, 6); }
    return out;
  }

  var renderer = new Sigma(graph, el("map"), {
    nodeProgramClasses: programs,
    edgeProgramClasses: { line: Sigma.rendering.EdgeLineProgram, route: Sigma.rendering.EdgeRectangleProgram },
    defaultEdgeType: "line",
    nodeReducer: nodeReducer,
    labelDensity: small ? 1 : 0.35,
    labelGridCellSize: small ? 70 : 120,
    labelRenderedSizeThreshold: small ? 5 : 7,
    labelFont: "system-ui, sans-serif",
    hideEdgesOnMove: !small,
    zIndex: true,
    minCameraRatio: 0.005,
    maxCameraRatio: 4,
    enableEdgeEvents: false
  });

  // ---- hover ----
  var tip = el("tooltip");
  renderer.on("enterNode", function (ev) {
    var i = +ev.node;
    el("tip-name").textContent = i === ME ? P.n[i] + " (you)" : P.n[i] + (isOwner[i] ? " (colleague)" : "");
    el("tip-company").textContent = company(i) || "";
    el("tip-position").textContent = position(i) || "";
    tip.hidden = false;
    tip.dataset.person = String(i);
    placeTip(ev.event.x, ev.event.y);
  });
  renderer.on("leaveNode", function () { tip.hidden = true; delete tip.dataset.person; });
  renderer.getMouseCaptor().on("mousemovebody", function (ev) { if (!tip.hidden) placeTip(ev.x, ev.y); });
  function placeTip(x, y) {
    var w = el("map").clientWidth;
    tip.style.left = Math.min(x + 14, w - 330) + "px";
    tip.style.top = (y + 14) + "px";
  }

  // ---- routes ----
  function clearRoute() {
    routeEdges.forEach(function (k) { if (graph.hasEdge(k)) graph.dropEdge(k); });
    routeEdges = [];
    onRoute.clear();
  }

  function describe(panel, i) {
    el("who").textContent = P.n[i] + (i === ME ? " (you)" : isOwner[i] ? " (colleague)" : "");
    el("job").textContent = [position(i), company(i)].filter(Boolean).join(" · ");
    var box = el("routes");
    box.textContent = "";
    if (i === ME) { add(box, "p", "This is you.", "note"); return; }
    var routes = data.routes[i];
    if (direct[i]) {
      add(box, "p", "You are connected to " + P.n[i] + " directly" +
        (routes && routes.length ? "; the team's other routes:" : ": no introduction needed."), "note");
      if (!routes || !routes.length) return;
    }
    if (routes === null || routes === undefined) {
      add(box, "p", "Routes to " + P.n[i] + " were not worked out for this map (they are outside " +
        "the colleague's network it shows). Ask refpath: refpath to \"" + P.n[i] + "\"", "none");
      return;
    }
    if (routes.length === 0) {
      add(box, "p", "No introduction route to " + P.n[i] + " was found in the team's exports.", "none");
      return;
    }
    if (!direct[i]) {
      add(box, "p", (routes.length === 1 ? "The best introduction" : "The best " + routes.length + " introductions") +
        ", as refpath to ranks them:", "note");
    }
    routes.forEach(function (r, rank) {
      var div = add(box, "div", null, "route" + (rank ? " other" : ""));
      div.dataset.rank = String(rank + 1);
      var nodes = r[1], inferred = r[2];
      var text = name(nodes[0]);
      for (var h = 1; h < nodes.length; h++) {
        text += ((inferred >> (h - 1)) & 1 ? " ⇢ " : " → ") + name(nodes[h]);
      }
      add(div, "div", (rank + 1) + ". " + text, "path");
      var via = nodes.slice(ME === null ? 0 : 1, -1);
      var ask = add(div, "div", null, "ask");
      if (via.length) {
        ask.appendChild(document.createTextNode("Ask "));
        add(ask, "b", name(via[0]), "introducer");
        if (via.length > 1) {
          ask.appendChild(document.createTextNode(", who " +
            (via.length > 2 ? "goes through " : "asks ") + via.slice(1).map(name).join(", then ")));
        }
      } else {
        ask.textContent = "You know each other: no one to ask.";
      }
      add(div, "div", "score " + r[0].toFixed(2) + (inferred ? " · ⇢ inferred: same company, no connection in the exports" : ""), "score");
    });
  }

  function select(i, opts) {
    clearRoute();
    selected = i;
    var routes = data.routes[i] || [];
    onRoute.set(i, "target");
    for (var rank = routes.length - 1; rank >= 0; rank--) {
      var nodes = routes[rank][1], inferred = routes[rank][2];
      for (var h = 0; h + 1 < nodes.length; h++) {
        if (!onRoute.has(nodes[h])) onRoute.set(nodes[h], "via");
        var key = "route-" + rank + "-" + h;
        graph.addEdgeWithKey(key, nodes[h], nodes[h + 1], {
          type: "route", color: (inferred >> h) & 1 ? INFERRED : ROUTE,
          size: rank === 0 ? 4 : 2, zIndex: 3 - Math.min(rank, 2) });
        routeEdges.push(key);
      }
    }
    var panel = el("panel");
    describe(panel, i);
    panel.hidden = false;
    panel.dataset.person = String(i);
    renderer.refresh();
    if (opts && opts.focus) {
      var d = renderer.getNodeDisplayData(String(i));
      if (d) {
        el("panel").dataset.moving = "true";
        renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(renderer.getCamera().ratio, 0.25) },
          { duration: 400 }, function () { delete el("panel").dataset.moving; });
      }
    }
  }

  function deselect() {
    clearRoute();
    selected = null;
    el("panel").hidden = true;
    delete el("panel").dataset.person;
    renderer.refresh();
  }

  renderer.on("clickNode", function (ev) { select(+ev.node); });
  renderer.on("clickStage", deselect);
  el("close").addEventListener("click", deselect);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.activeElement !== el("search")) deselect();
  });

  // ---- search ----
  var search = el("search");
  var results = el("results");
  function find(q) {
    var hits = [[], [], []];
    for (var i = 0; i < N; i++) {
      var k = P.k[i];
      var at = k.indexOf(q);
      if (at < 0) continue;
      var bucket = at === 0 ? 0 : k.charAt(at - 1) === " " ? 1 : 2;
      if (hits[bucket].length < 50) hits[bucket].push(i);
    }
    return hits[0].concat(hits[1], hits[2]);
  }
  search.addEventListener("input", function () {
    var q = fold(search.value);
    results.textContent = "";
    if (!q) { el("search-count").textContent = ""; return; }
    var hits = find(q);
    el("search-count").textContent = hits.length === 0 ? "No one by that name." :
      (hits.length >= 50 ? "Many matches; showing the first 12." : plural(hits.length, "match", "matches") + ".");
    hits.slice(0, 12).forEach(function (i) {
      var li = add(results, "li");
      li.dataset.person = String(i);
      add(li, "b", P.n[i]);
      if (company(i)) add(li, "span", company(i));
      li.addEventListener("click", function () { select(i, { focus: true }); });
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && results.firstChild) {
      select(+results.firstChild.dataset.person, { focus: true });
    } else if (ev.key === "Escape") {
      search.value = ""; results.textContent = ""; el("search-count").textContent = "";
    }
  });

  // ---- camera ----
  var camera = renderer.getCamera();
  el("zoom-in").addEventListener("click", function () { camera.animatedZoom({ duration: 300 }); });
  el("zoom-out").addEventListener("click", function () { camera.animatedUnzoom({ duration: 300 }); });
  el("zoom-reset").addEventListener("click", function () { camera.animatedReset({ duration: 300 }); });
  function zoomToCluster(cid) {
    var x = 0, y = 0, n = 0;
    for (var i = 0; i < N; i++) {
      if (P.c[i] !== cid || isOwner[i]) continue;
      var d = renderer.getNodeDisplayData(String(i));
      x += d.x; y += d.y; n++;
    }
    if (n) camera.animate({ x: x / n, y: y / n, ratio: Math.max(0.12, Math.min(0.6, Math.sqrt(n / N))) }, { duration: 400 });
  }

  // For tests and the curious: where a person is drawn, in pixels of the page.
  window.refpathMap = {
    people: N,
    viewportOf: function (i) {
      var a = graph.getNodeAttributes(String(i));
      return renderer.graphToViewport({ x: a.x, y: a.y });
    },
    select: function (i) { select(i); },
    selected: function () { return selected; }
  };

  // Sigma drew the first frame in its constructor; it is on screen once the browser has
  // shown a frame since.
  el("loading").hidden = true;
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      window.__firstFrameMs = performance.now();  // since the page started loading
      window.__scriptMs = performance.now() - started;
      window.__drawn = true;
      document.documentElement.dataset.drawn = "true";
    });
  });
  if (data.highlight !== null && data.highlight !== undefined) select(data.highlight);
})();
