// Draws a map's payload with plain Leaflet: its shapes by status, markers, links and legend, and,
// with more than one stage, a layer control to switch between them (in the static page, with no
// kernel). Every string from the data reaches the page as a DOM text node, never as HTML.
// helpers/maps.py (_Layers) puts this file into each map's page and calls it with the map and
// its payload: scoDrawLayers(map, payload).
function scoDrawLayers(map, d) {
  // a phone-sized map: layer chooser and legend start folded, so that the map stays visible (on a
  // wider map, a control that would hide part of the subject starts folded too: see below)
  var size = map.getSize(), narrow = size.x < 600;
  // a popup fits inside the map: limited in width and height (it scrolls), panned into view
  var popupOptions = {maxWidth: Math.max(160, Math.min(300, size.x - 60)), maxHeight: Math.max(120, Math.round(size.y * 0.55)),
                      autoPan: true, keepInView: true, autoPanPadding: [12, 12]};
  function text(t, tag, cls) { var e = document.createElement(tag || 'span'); if (cls) e.className = cls; e.textContent = t; return e; }
  function popup(p) {
    var div = text('', 'div', 'sco-popup');
    div.appendChild(text(p.title, 'strong'));
    (p.lines || []).forEach(function (t) { div.appendChild(text(t, 'p')); });
    if (p.source) div.appendChild(text('Source: ' + p.source, 'p', 'sco-source'));
    return div;
  }
  function build(stage) {
    var group = L.featureGroup();
    if (stage.shapes) {
      L.geoJSON(d.geometry, {
        filter: function (f) { return Object.prototype.hasOwnProperty.call(stage.shapes, f.properties.iso3); },
        style: function (f) { return d.styles[stage.shapes[f.properties.iso3].style]; },
        onEachFeature: function (f, layer) {
          var s = stage.shapes[f.properties.iso3];
          layer.options.className = 'sco-shape sco-' + s.style.replace(/ /g, '-');
          layer.bindTooltip(text(s.tooltip), {sticky: true});
          layer.bindPopup(popup(s.popup), popupOptions);
        }
      }).addTo(group);
    }
    (stage.lines || []).forEach(function (x) {
      L.polyline([x.from, x.to], Object.assign({className: 'sco-link'}, d.styles[x.style]))
        .bindPopup(popup(x.popup), popupOptions).addTo(group);
    });
    (stage.markers || []).forEach(function (m) {
      L.circleMarker([m.lat, m.lon], Object.assign({radius: m.radius, className: 'sco-marker'}, d.styles[m.style]))
        .bindTooltip(text(m.label)).bindPopup(popup(m.popup), popupOptions).addTo(group);
    });
    return group;
  }
  var groups = d.stages.map(build);
  groups[groups.length - 1].addTo(map);
  // The year (stage) chooser: open on a wide map, folded to a button on a folded one.
  function layersControl(folded) {
    if (groups.length === 1) return null;
    var control = L.control.layers(null, null, {collapsed: folded, position: 'topright'});
    d.stages.forEach(function (stage, i) { control.addBaseLayer(groups[i], stage.label); });
    return control.addTo(map);
  }
  // The legend, a <details>: open on a wide map, folded to one line on a folded one.
  function legendControl(folded) {
    var legend = L.control({position: d.legendPosition || 'bottomleft'});
    legend.onAdd = function () {
      var div = text('', 'details', 'sco-legend');
      if (!folded) div.open = true;
      div.appendChild(text(folded ? 'Legend' : d.title, 'summary'));
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      d.legend.forEach(function (item) {
        var row = text('', 'div', 'sco-legend-row');
        var s = d.styles[item.style];
        var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        svg.setAttribute('width', '22'); svg.setAttribute('height', '14'); svg.setAttribute('aria-hidden', 'true');
        var shape = document.createElementNS('http://www.w3.org/2000/svg', item.kind === 'point' ? 'circle' : item.kind === 'line' ? 'line' : 'rect');
        if (item.kind === 'point') { shape.setAttribute('cx', 11); shape.setAttribute('cy', 7); shape.setAttribute('r', 5); }
        else if (item.kind === 'line') { shape.setAttribute('x1', 1); shape.setAttribute('y1', 7); shape.setAttribute('x2', 21); shape.setAttribute('y2', 7); }
        else { shape.setAttribute('x', 1); shape.setAttribute('y', 1); shape.setAttribute('width', 20); shape.setAttribute('height', 12); }
        shape.setAttribute('fill', item.kind === 'line' ? 'none' : s.fillColor);
        shape.setAttribute('stroke', s.color); shape.setAttribute('stroke-width', s.weight || 1);
        if (s.dashArray) shape.setAttribute('stroke-dasharray', s.dashArray);
        svg.appendChild(shape); row.appendChild(svg); row.appendChild(text(' ' + item.label));
        div.appendChild(row);
      });
      return div;
    };
    return legend.addTo(map);
  }
  // The subject's layers: every shape and marker but the states drawn for orientation.
  function subjectLayers() {
    var out = [];
    map.eachLayer(function (l) {
      if (l instanceof L.Path && !/\bsco-context\b/.test(l.options.className || '')) out.push(l);
    });
    return out;
  }
  // Whether an open control hides part of the subject: a marker's centre, or a whole shape, under it.
  function hides(control) {
    var box = map.getContainer().getBoundingClientRect(), r = control.getContainer().getBoundingClientRect();
    function under(p) { return p.x >= r.left - box.left && p.x <= r.right - box.left && p.y >= r.top - box.top && p.y <= r.bottom - box.top; }
    return subjectLayers().some(function (l) {
      if (l.getLatLng) return under(map.latLngToContainerPoint(l.getLatLng()));
      var b = l.getBounds ? l.getBounds() : null;
      if (!b || !b.isValid()) return false;
      return [b.getNorthWest(), b.getNorthEast(), b.getSouthWest(), b.getSouthEast()].every(function (c) {
        return under(map.latLngToContainerPoint(c));
      });
    });
  }
  var layers = layersControl(narrow), legend = legendControl(narrow);
  // On a wider map, an open control that would hide part of the subject (chapter 6's legend over
  // the Gulf's partners on a laptop) starts folded instead, as on a phone.
  if (!narrow && layers && hides(layers)) { map.removeControl(layers); layers = layersControl(true); }
  if (!narrow && hides(legend)) { map.removeControl(legend); legend = legendControl(true); }
  // The map framed on its subject (every shape and marker but the states drawn for orientation):
  // on a phone at first view, and, through window.scoFit, when the book prints the map.
  function subjectBounds() {
    var b = null;
    map.eachLayer(function (l) {
      if (!(l instanceof L.Path) || /\bsco-context\b/.test(l.options.className || '')) return;
      var lb = l.getLatLng ? L.latLngBounds([l.getLatLng()]) : (l.getBounds ? l.getBounds() : null);
      if (lb && lb.isValid()) b = b ? b.extend(lb) : L.latLngBounds(lb.getSouthWest(), lb.getNorthEast());
    });
    return b;
  }
  window.scoFit = function (options) {
    var b = subjectBounds(), pad = (options && options.padding) || 14;
    if (options && options.legend) document.querySelectorAll('details.sco-legend').forEach(function (e) { e.open = true; });
    if (!b) return false;
    map.invalidateSize({pan: false});
    map.options.zoomSnap = 0.25;
    var zoom = map.getBoundsZoom(b, false, L.point(2 * pad, 2 * pad));
    if (zoom < map.getMinZoom()) map.setMinZoom(Math.max(0, Math.floor(zoom * 4) / 4));
    map.fitBounds(b, {padding: [pad, pad], animate: false});
    return true;
  };
  window.scoMap = map;
  if (narrow) window.scoFit();
}
