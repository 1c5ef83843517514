// The dashboard map: country and province boundaries shipped with the app (no tile server),
// shaded by incident counts, and circles where incidents have coordinates (clustered server-side).
// Every label is set with textContent, never as HTML.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined" || typeof topojson === "undefined") return;

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); });
  }
  // "Hamgyŏng-bukto" and "North Hamgyong" both become "hamgyong north".
  function norm(name) {
    var s = String(name || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    s = s.replace(/[''`’]/g, "").replace(/\b(province|sheng|shi|zizhiqu|special city|-si)\b/g, "");
    var dir = "";
    var m = s.match(/-(buk|nam)-?[dt]o$/);
    if (m) { dir = m[1] === "buk" ? "north" : "south"; s = s.replace(/-(buk|nam)-?[dt]o$/, ""); }
    s = s.replace(/-do$/, "");
    m = s.match(/^(north|south)\s+(.*)$/);
    if (m) { dir = m[1]; s = m[2]; }
    s = s.replace(/^r(yanggang)$/, "$1").replace(/[^a-z]/g, "");
    return s + (dir ? " " + dir : "");
  }
  function shade(n, max) {
    if (!n) return "#ffffff";
    var t = Math.min(1, Math.log(1 + n) / Math.log(1 + max));
    var c = Math.round(235 - 170 * t);
    return "rgb(" + (255) + "," + c + "," + Math.round(c * 0.85) + ")";
  }
  function tip(text) { var d = document.createElement("div"); d.className = "map-tip"; d.textContent = text; return d; }

  var map = L.map(el, { zoomControl: true, attributionControl: false, preferCanvas: false, minZoom: 2, maxZoom: 9 });
  map.setView([39.5, 127], 5);
  var provinceUrls = (el.getAttribute("data-provinces") || "").split(/\s+/).filter(Boolean);

  Promise.all([getJSON(el.getAttribute("data-src")), getJSON(el.getAttribute("data-world"))]
    .concat(provinceUrls.map(function (u) { return getJSON(u).catch(function () { return null; }); })))
    .then(function (all) {
      var data = all[0], world = all[1], provinces = all.slice(2);
      var byNumeric = {}, max = 1, regionCounts = {}, rmax = 1;
      data.countries.forEach(function (c) { if (c.numeric) byNumeric[String(+c.numeric)] = c; max = Math.max(max, c.n); });
      data.regions.forEach(function (r) { var k = norm(r.region); regionCounts[k] = (regionCounts[k] || 0) + r.n; rmax = Math.max(rmax, regionCounts[k]); });
      var countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, {
        style: function (f) {
          var c = byNumeric[String(+f.id)];
          return { color: "#8a96a3", weight: 0.6, fillOpacity: 1, fillColor: shade(c ? c.n : 0, max) };
        },
        onEachFeature: function (f, layer) {
          var c = byNumeric[String(+f.id)];
          layer.bindTooltip(tip((f.properties && f.properties.name || "") + (c ? ": " + c.n + " incidents" : "")), { sticky: true });
        }
      }).addTo(map);
      provinces.forEach(function (topo) {
        if (!topo || !topo.objects) return;
        var key = Object.keys(topo.objects)[0];
        L.geoJSON(topojson.feature(topo, topo.objects[key]), {
          filter: function (f) { return f.properties && f.properties.name; },
          style: function (f) {
            var n = regionCounts[norm(f.properties.name)] || 0;
            return { color: "#9aa5b1", weight: 0.5, fillOpacity: n ? 0.9 : 0, fillColor: shade(n, rmax) };
          },
          onEachFeature: function (f, layer) {
            var n = regionCounts[norm(f.properties.name)] || 0;
            layer.bindTooltip(tip(f.properties.name + (n ? ": " + n + " incidents" : "")), { sticky: true });
          }
        }).addTo(map);
      });
      var pts = data.points || [];
      var pmax = pts.reduce(function (m, p) { return Math.max(m, p.n); }, 1);
      pts.forEach(function (p) {
        var radius = 4 + 14 * Math.sqrt(p.n / pmax);
        L.circleMarker([p.lat, p.lon], { radius: radius, color: "#7a1010", weight: 1, fillColor: "#c0392b", fillOpacity: 0.7 })
          .bindTooltip(tip(p.n + " incident" + (p.n === 1 ? "" : "s") + " near " + p.lat.toFixed(2) + ", " + p.lon.toFixed(2)))
          .addTo(map);
      });
      el.setAttribute("data-ready", "1");
    })
    .catch(function (e) {
      var p = document.createElement("p"); p.className = "error"; p.textContent = "Map unavailable: " + e.message; el.appendChild(p);
    });
})();
