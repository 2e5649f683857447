/* Draw the network with Cytoscape (served from this app); the list above works without it. */
(function () {
  var FIT_ZOOM = 1.2, MAX_ZOOM = 4;
  function draw() {
    var box = document.getElementById("network-graph");
    if (!box || typeof window.cytoscape !== "function") return;
    var among = document.getElementById("show-among");
    var status = document.getElementById("graph-status");
    function load() {
      var url = "/api/v1/people/" + box.dataset.person + "/network?among=" + (among.checked ? "true" : "false");
      status.textContent = "Loading…";
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          var elements = data.nodes.map(function (n) {
            return { data: { id: "p" + n.id, person: n.id, label: n.name, center: n.center ? 1 : 0 } };
          }).concat(data.ties.map(function (t, i) {
            return { data: { id: "t" + i, source: "p" + t.source, target: "p" + t.target, strength: t.strength,
                             among: (t.source === data.person.id || t.target === data.person.id) ? 0 : 1 } };
          }));
          box.hidden = false;
          if (window.cy && window.cy.destroy) window.cy.destroy();
          window.cy = window.cytoscape({
            container: box,
            elements: elements,
            /* Fitting a small network to the box would blow its labels up to 30px and more:
               the first fit stops at a little over life size (then the reader may zoom). */
            maxZoom: FIT_ZOOM,
            style: [
              { selector: "node", style: { "label": "data(label)", "font-size": 12, "background-color": "#5b7fb9", "width": 18, "height": 18,
                                            "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 120,
                                            "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2 } },
              { selector: "node[center = 1]", style: { "background-color": "#c77700", "width": 30, "height": 30, "font-weight": "bold" } },
              { selector: "edge", style: { "width": "mapData(strength, 0, 1, 1, 9)", "line-color": "#8da2c4", "opacity": 0.85, "curve-style": "haystack" } },
              { selector: "edge[among = 1]", style: { "line-color": "#c8d1e0", "line-style": "dashed" } }
            ],
            /* Spacing counts the labels, so neighbours' names never print over each other. */
            layout: { name: "concentric", concentric: function (n) { return n.data("center") ? 2 : 1; }, levelWidth: function () { return 1; },
                      nodeDimensionsIncludeLabels: true, minNodeSpacing: 12, padding: 16, animate: false }
          });
          window.cy.maxZoom(MAX_ZOOM);
          window.cy.on("tap", "node", function (event) {
            window.location.href = "/people/" + event.target.data("person");
          });
          status.textContent = data.nodes.length + " people, " + data.ties.length + " ties";
          box.dataset.ready = "true";
        })
        .catch(function () { status.textContent = "The drawing could not load; the list below has the strongest ties."; });
    }
    document.getElementById("graph-tools").hidden = false;
    among.addEventListener("change", load);
    load();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
