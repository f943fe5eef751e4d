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
    // the user's own export is not a colleague's (as `refpath stats` says it)
    (ME === null ? plural(nOwners, "export", "exports") + " (none marked as yours)"
      : nOwners === 1 ? "you" : "you and " + plural(nOwners - 1, "colleague", "colleagues")) + ", " +
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

  // ---- the drawing: one 2D canvas, every person a dot, no library ----
  // Software-rendered WebGL (sigma.js) took seconds per frame at 80,000 people here; a 2D
  // canvas draws them in tens of milliseconds. Edges, the slow part, are drawn into a
  // layer of their own when the view rests, and moved with it in between.
  var box = el("map");
  var canvas = add(box, "canvas");
  var ctx = canvas.getContext("2d", { alpha: false });
  var edgeLayer = document.createElement("canvas");
  var edgeCtx = edgeLayer.getContext("2d");
  var E = data.edges.length / 2;
  var edgeColour = "rgba(85,85,85," + Math.min(0.4, 5 / Math.sqrt(E + 1)).toFixed(3) + ")";
  var X = new Float64Array(N), Y = new Float64Array(N);
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (var i = 0; i < N; i++) {
    X[i] = P.x[i]; Y[i] = -P.y[i];  // graph y points up, the screen's down
    if (X[i] < minX) minX = X[i]; if (X[i] > maxX) maxX = X[i];
    if (Y[i] < minY) minY = Y[i]; if (Y[i] > maxY) maxY = Y[i];
  }
  if (!N) { minX = minY = -1; maxX = maxY = 1; }
  var colourOf = new Array(N);
  var byColour = {};  // colour -> person indices (not colleagues)
  for (i = 0; i < N; i++) {
    colourOf[i] = clusterColour[P.c[i]] || data.other_colour;
    if (!isOwner[i]) (byColour[colourOf[i]] = byColour[colourOf[i]] || []).push(i);
  }
  var dotBase = Math.max(1.3, Math.min(4.5, 60 / Math.sqrt(N + 1)));
  var ownerR = Math.max(5, Math.min(7, 2 * dotBase + 2));

  // A grid over the graph for finding who is under the mouse.
  var GRID = 128;
  var cellW = (maxX - minX) / GRID || 1, cellH = (maxY - minY) / GRID || 1;
  var cells = new Map();
  function cellOf(x, y) {
    return Math.max(0, Math.min(GRID - 1, Math.floor((x - minX) / cellW))) * GRID +
      Math.max(0, Math.min(GRID - 1, Math.floor((y - minY) / cellH)));
  }
  for (i = 0; i < N; i++) {
    var c = cellOf(X[i], Y[i]);
    var list = cells.get(c);
    if (list) list.push(i); else cells.set(c, [i]);
  }

  var W = 0, Hh = 0, dpr = 1;
  var cam = { x: 0, y: 0, k: 1 };  // graph point at the centre, pixels per graph unit
  var home = { x: 0, y: 0, k: 1 };
  function resize() {
    dpr = Math.min(window.devicePixelRatio || 1, 2);
    W = box.clientWidth; Hh = box.clientHeight;
    canvas.width = edgeLayer.width = Math.round(W * dpr);
    canvas.height = edgeLayer.height = Math.round(Hh * dpr);
    canvas.style.width = W + "px"; canvas.style.height = Hh + "px";
    // The whole wheel, right of the legend on a wide screen.
    // Room for the legend (left) and the routes shown on opening (right), on a wide screen.
    var left = W > 1000 ? el("legend").offsetWidth + 16 : 0;
    var right = W > 1200 && !el("panel").hidden ? el("panel").offsetWidth + 16 : 0;
    var k = Math.min((W - left - right) / (maxX - minX || 1), Hh / (maxY - minY || 1)) * 0.94;
    home = { x: (minX + maxX) / 2 - (left - right) / 2 / k, y: (minY + maxY) / 2, k: k };
  }
  function sx(x) { return (x - cam.x) * cam.k + W / 2; }
  function sy(y) { return (y - cam.y) * cam.k + Hh / 2; }
  function zoomLevel() { return cam.k / home.k; }
  function dotR() { return Math.min(dotBase * Math.sqrt(zoomLevel()), 12); }

  var edgeCam = null;  // the camera the edge layer was drawn for
  var edgeTimer = 0;
  function drawEdges() {
    edgeCtx.setTransform(dpr, 0, 0, dpr, 0, 0);
    edgeCtx.clearRect(0, 0, W, Hh);
    edgeCtx.strokeStyle = edgeColour;
    edgeCtx.lineWidth = 0.5;
    edgeCtx.beginPath();
    var ed = data.edges;
    for (var e = 0; e < ed.length; e += 2) {
      var a = ed[e], b = ed[e + 1];
      edgeCtx.moveTo(sx(X[a]), sy(Y[a]));
      edgeCtx.lineTo(sx(X[b]), sy(Y[b]));
    }
    edgeCtx.stroke();
    edgeCam = { x: cam.x, y: cam.y, k: cam.k };
  }

  var pending = false;
  function requestDraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  }

  function circle(x, y, r) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 6.2832); }

  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#fbfbf8";
    ctx.fillRect(0, 0, W, Hh);
    // Edges: redrawn at once on a small map; on a big one, the layer follows the view and
    // is redrawn once it rests.
    var still = edgeCam && edgeCam.x === cam.x && edgeCam.y === cam.y && edgeCam.k === cam.k;
    if (!still && (E <= 20000 || !edgeCam)) { drawEdges(); still = true; }
    if (E) {
      if (still) {
        ctx.drawImage(edgeLayer, 0, 0, W, Hh);
      } else {
        var f = cam.k / edgeCam.k;
        ctx.drawImage(edgeLayer, sx(edgeCam.x) - f * W / 2, sy(edgeCam.y) - f * Hh / 2, f * W, f * Hh);
        clearTimeout(edgeTimer);
        edgeTimer = setTimeout(function () { drawEdges(); requestDraw(); }, 180);
      }
    }
    // People: one path per colour; squares when they are specks, discs when bigger.
    var r = dotR(), x0 = -r, x1 = W + r, y0 = -r, y1 = Hh + r;
    var round = r >= 2.2;
    var shown = 0;
    for (var colour in byColour) {
      var ids = byColour[colour];
      ctx.fillStyle = colour;
      ctx.beginPath();
      for (var n = 0; n < ids.length; n++) {
        var p = ids[n], x = sx(X[p]), y = sy(Y[p]);
        if (x < x0 || x > x1 || y < y0 || y > y1) continue;
        shown++;
        if (round) circle(x, y, r); else ctx.rect(x - r, y - r, 2 * r, 2 * r);
      }
      ctx.fill();
    }
    drawRoutes();
    // Colleagues on top: black discs ringed white; you ringed gold.
    ctx.beginPath();
    data.owners.forEach(function (o) { if (o !== ME) circle(sx(X[o]), sy(Y[o]), ownerR); });
    ctx.fillStyle = OWNER; ctx.fill();
    ctx.lineWidth = 1.5; ctx.strokeStyle = "#fff"; ctx.stroke();
    if (ME !== null) {
      ctx.beginPath(); circle(sx(X[ME]), sy(Y[ME]), ownerR * 1.5);
      ctx.fillStyle = OWNER; ctx.fill();
      ctx.lineWidth = 3.5; ctx.strokeStyle = "#f2b705"; ctx.stroke();
    }
    drawLabels(r, shown);
    if (hovered !== null) {
      ctx.beginPath(); circle(sx(X[hovered]), sy(Y[hovered]), Math.max(r, isOwner[hovered] ? ownerR : 0) + 3);
      ctx.lineWidth = 2; ctx.strokeStyle = "#1b1b1b"; ctx.stroke();
    }
  }

  function label(text, x, y, bold, colour) {
    ctx.font = (bold ? "600 " : "") + "12.5px system-ui, sans-serif";
    ctx.lineWidth = 3.5; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.lineJoin = "round";
    ctx.strokeText(text, x, y);
    ctx.fillStyle = colour || "#1b1b1b";
    ctx.fillText(text, x, y);
    return ctx.measureText(text).width;
  }

  // Labels: route people and colleagues always, then people once zoomed in enough, each
  // only where no earlier label is (a grid of taken cells).
  function drawLabels(r, shown) {
    ctx.textBaseline = "middle";
    var boxes = [];  // the labels placed so far: [x0, y0, x1, y1]
    var named = new Set();
    function take(x, y, w) {
      var b = [x - 2, y - 8, x + w + 2, y + 8];
      for (var k = 0; k < boxes.length; k++) {
        var o = boxes[k];
        if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
      }
      boxes.push(b);
      return true;
    }
    function put(i, rr, bold, colour) {
      var x = sx(X[i]), y = sy(Y[i]);
      if (x < -200 || x > W + 200 || y < 0 || y > Hh) return false;
      var text = name(i).length > 40 ? name(i).slice(0, 39) + "…" : name(i);
      ctx.font = (bold ? "600 " : "") + "12.5px system-ui, sans-serif";
      if (named.has(i)) return false;
      var w = ctx.measureText(text).width;
      // Right of the dot; names that matter may go left, above or below instead.
      var spots = [[x + rr + 4, y]];
      if (bold) spots.push([x - rr - 4 - w, y], [x - w / 2, y - rr - 10], [x - w / 2, y + rr + 10]);
      for (var k = 0; k < spots.length; k++) {
        if (take(spots[k][0], spots[k][1], w)) {
          label(text, spots[k][0], spots[k][1], bold, colour);
          named.add(i);
          return true;
        }
      }
      return false;
    }
    // The target, then the people on the best route, then on the others.
    routeOrder.forEach(function (i) {
      var target = i === selected;
      put(i, target ? 9 : isOwner[i] ? ownerR : 6, true, target ? ROUTE : null);
    });
    if (ME !== null) put(ME, ownerR * 1.5, true);
    if (nOwners <= 40 || zoomLevel() > 2) data.owners.forEach(function (o) { put(o, ownerR, true); });
    if (r < 3 || shown > 15000) return;
    var placed = 0, tried = 0;
    for (var colour in byColour) {
      var ids = byColour[colour];
      for (var n = 0; n < ids.length && placed < 400 && tried < 8000; n++) {
        var p = ids[n], x = sx(X[p]), y = sy(Y[p]);
        if (x < 0 || x > W || y < 0 || y > Hh) continue;
        tried++;
        if (put(p, r, false)) placed++;
      }
    }
  }

  function drawRoutes() {
    if (selected === null) return;
    var routes = data.routes[selected] || [];
    ctx.lineCap = "round";
    for (var rank = routes.length - 1; rank >= 0; rank--) {
      var nodes = routes[rank][1], inferred = routes[rank][2];
      for (var h = 0; h + 1 < nodes.length; h++) {
        var a = nodes[h], b = nodes[h + 1];
        ctx.beginPath();
        ctx.moveTo(sx(X[a]), sy(Y[a])); ctx.lineTo(sx(X[b]), sy(Y[b]));
        ctx.strokeStyle = "#fff"; ctx.lineWidth = (rank ? 2 : 4) + 3; ctx.setLineDash([]); ctx.stroke();
        ctx.strokeStyle = (inferred >> h) & 1 ? INFERRED : ROUTE;
        ctx.lineWidth = rank ? 2 : 4;
        ctx.setLineDash((inferred >> h) & 1 ? [6, 5] : []);
        ctx.stroke();
      }
    }
    ctx.setLineDash([]);
    onRoute.forEach(function (role, i) {
      if (isOwner[i]) return;
      ctx.beginPath(); circle(sx(X[i]), sy(Y[i]), role === "target" ? 8 : 5);
      ctx.fillStyle = role === "target" ? ROUTE : "#fff"; ctx.fill();
      ctx.lineWidth = 2; ctx.strokeStyle = role === "target" ? "#fff" : ROUTE; ctx.stroke();
    });
  }

  // Who is under the mouse: the nearest person within a few pixels (colleagues first).
  function personAt(px, py) {
    var gx = (px - W / 2) / cam.k + cam.x, gy = (py - Hh / 2) / cam.k + cam.y;
    var best = null, bestD = Infinity;
    for (var o = 0; o < data.owners.length; o++) {
      var q = data.owners[o], d = Math.hypot(sx(X[q]) - px, sy(Y[q]) - py);
      if (d <= (q === ME ? ownerR * 1.5 : ownerR) + 2 && d < bestD) { best = q; bestD = d; }
    }
    if (best !== null) return best;
    var reach = Math.max(dotR() + 2, 4) / cam.k;
    var c0 = Math.floor((gx - reach - minX) / cellW), c1 = Math.floor((gx + reach - minX) / cellW);
    var r0 = Math.floor((gy - reach - minY) / cellH), r1 = Math.floor((gy + reach - minY) / cellH);
    for (var cx = Math.max(0, c0); cx <= Math.min(GRID - 1, c1); cx++) {
      for (var cy = Math.max(0, r0); cy <= Math.min(GRID - 1, r1); cy++) {
        var list = cells.get(cx * GRID + cy);
        if (!list) continue;
        for (var n = 0; n < list.length; n++) {
          var p = list[n], dd = Math.hypot(X[p] - gx, Y[p] - gy);
          if (dd <= reach && dd < bestD) { best = p; bestD = dd; }
        }
      }
    }
    return best;
  }

  // ---- what is selected ----
  var selected = null;  // person index
  var hovered = null;
  var onRoute = new Map();  // person index -> role ("target", "via")
  var routeOrder = [];  // who is named first

  // Pan by dragging, zoom with the wheel (about the mouse), click a person.
  var drag = null;
  function zoomAt(px, py, factor) {
    var k = Math.max(home.k * 0.3, Math.min(home.k * 400, cam.k * factor));
    var gx = (px - W / 2) / cam.k + cam.x, gy = (py - Hh / 2) / cam.k + cam.y;
    cam = { x: gx - (px - W / 2) / k, y: gy - (py - Hh / 2) / k, k: k };
    requestDraw();
  }
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = canvas.getBoundingClientRect();
    zoomAt(ev.clientX - r.left, ev.clientY - r.top, Math.pow(1.0015, -ev.deltaY * (ev.deltaMode ? 30 : 1)));
  }, { passive: false });
  canvas.addEventListener("pointerdown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, cam: cam, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointerup", function (ev) {
    var d = drag;
    drag = null;
    if (!d || d.moved) return;
    var r = canvas.getBoundingClientRect();
    var p = personAt(ev.clientX - r.left, ev.clientY - r.top);
    if (p === null) deselect(); else select(p);
  });
  canvas.addEventListener("pointermove", function (ev) {
    var r = canvas.getBoundingClientRect(), px = ev.clientX - r.left, py = ev.clientY - r.top;
    if (drag) {
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved) {
        cam = { x: drag.cam.x - dx / cam.k, y: drag.cam.y - dy / cam.k, k: cam.k };
        requestDraw();
        return;
      }
    }
    hover(personAt(px, py), px, py);
  });
  canvas.addEventListener("pointerleave", function () { hover(null); });

  // ---- hover ----
  var tip = el("tooltip");
  function hover(i, x, y) {
    if (i !== hovered) {
      hovered = i;
      canvas.style.cursor = i === null ? "" : "pointer";
      requestDraw();
      if (i === null) {
        tip.hidden = true;
        delete tip.dataset.person;
      } else {
        el("tip-name").textContent = i === ME ? P.n[i] + " (you)" : P.n[i] + (isOwner[i] ? " (colleague)" : "");
        el("tip-company").textContent = company(i) || "";
        el("tip-position").textContent = position(i) || "";
        tip.hidden = false;
        tip.dataset.person = String(i);
      }
    }
    if (i !== null) placeTip(x, y);
  }
  function placeTip(x, y) {
    var w = el("map").clientWidth;
    tip.style.left = Math.min(x + 14, w - 330) + "px";
    tip.style.top = (y + 14) + "px";
  }

  // ---- routes ----
  function clearRoute() {
    onRoute.clear();
    routeOrder = [];
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
    routeOrder = [i];
    routes.forEach(function (r) {
      r[1].forEach(function (p) { if (routeOrder.indexOf(p) < 0) routeOrder.push(p); });
    });
    for (var rank = routes.length - 1; rank >= 0; rank--) {
      var nodes = routes[rank][1];
      for (var h = 0; h + 1 < nodes.length; h++) {
        if (!onRoute.has(nodes[h])) onRoute.set(nodes[h], "via");
      }
    }
    var panel = el("panel");
    describe(panel, i);
    panel.hidden = false;
    panel.dataset.person = String(i);
    if (opts && opts.focus) {
      // Centre on them, zoomed in enough to see their neighbours' names.
      cam = { x: X[i], y: Y[i], k: Math.max(cam.k, home.k * Math.max(4, Math.sqrt(N) / 12)) };
    }
    requestDraw();
  }

  function deselect() {
    clearRoute();
    selected = null;
    el("panel").hidden = true;
    delete el("panel").dataset.person;
    requestDraw();
  }

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
  // Up and down move through the results; Enter shows the one marked (the first by default).
  var active = -1;
  function mark(k) {
    var items = results.children;
    if (!items.length) return;
    active = Math.max(0, Math.min(items.length - 1, k));
    for (var n = 0; n < items.length; n++) items[n].className = n === active ? "active" : "";
    items[active].scrollIntoView({ block: "nearest" });
  }
  search.addEventListener("input", function () { active = -1; });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      mark(active + (ev.key === "ArrowDown" ? 1 : -1));
    } else if (ev.key === "Enter" && results.firstChild) {
      select(+results.children[Math.max(active, 0)].dataset.person, { focus: true });
    } else if (ev.key === "Escape") {
      search.value = ""; results.textContent = ""; el("search-count").textContent = "";
    }
  });

  // ---- camera ----
  el("zoom-in").addEventListener("click", function () { zoomAt(W / 2, Hh / 2, 1.6); });
  el("zoom-out").addEventListener("click", function () { zoomAt(W / 2, Hh / 2, 1 / 1.6); });
  el("zoom-reset").addEventListener("click", function () { cam = home; requestDraw(); });
  function zoomToCluster(cid) {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (var i = 0; i < N; i++) {
      if (P.c[i] !== cid || isOwner[i]) continue;
      x0 = Math.min(x0, X[i]); x1 = Math.max(x1, X[i]); y0 = Math.min(y0, Y[i]); y1 = Math.max(y1, Y[i]);
    }
    if (x0 > x1) return;
    var k = Math.min(W / (x1 - x0 || 1), Hh / (y1 - y0 || 1)) * 0.8;
    cam = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, k: Math.min(k, home.k * 400) };
    requestDraw();
  }
  window.addEventListener("resize", function () {
    var fitted = cam === home;
    resize();
    if (fitted) cam = home;
    edgeCam = null;
    requestDraw();
  });

  // For tests and the curious: where a person is drawn, in pixels of the page.
  window.refpathMap = {
    people: N,
    viewportOf: function (i) { return { x: sx(X[i]), y: sy(Y[i]) }; },
    select: function (i) { select(i); },
    selected: function () { return selected; },
    fitted: function () { return cam === home; }
  };

  // The legend is open on a wide screen; on a narrow one, a click away.
  if (box.clientWidth > 1000) el("legend").open = true;
  if (data.highlight !== null && data.highlight !== undefined) select(data.highlight);
  resize();
  cam = home;
  draw();
  el("loading").hidden = true;
  // Drawn: on screen once the browser has shown a frame since.
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      window.__firstFrameMs = performance.now();  // since the page started loading
      window.__scriptMs = performance.now() - started;
      window.__drawn = true;
      document.documentElement.dataset.drawn = "true";
    });
  });
})();
