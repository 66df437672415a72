/* The search page's map view (?view=map): a Leaflet map (from the django-leaflet package)
   of the results with a place, read from the page's JSON (#search-map-data). Each marker is
   a link to the activity's page, with its name as the link text; the result list beside the
   map stays the way to every result without scripts or tiles. Drawn again after htmx
   updates the results. */
(function () {
  "use strict";

  function marker(item) {
    var link = document.createElement(item.url ? "a" : "span");
    if (item.url) {
      link.href = item.url;
    }
    link.title = item.place ? item.title + " – " + item.place : item.title;
    var text = document.createElement("span");
    text.className = "visually-hidden";
    text.textContent = link.title;
    link.appendChild(text);
    return window.L.marker([item.lat, item.lon], {
      icon: window.L.divIcon({
        className: "search-map-marker",
        html: link,
        iconSize: [20, 20],
      }),
      interactive: false,
      keyboard: false,
    });
  }

  function draw() {
    var box = document.getElementById("search-map");
    var source = document.getElementById("search-map-data");
    if (!box || !source || !window.L || !box.dataset.tiles || box.dataset.drawn) {
      return;
    }
    var items = JSON.parse(source.textContent);
    if (!items.length) {
      return;
    }
    box.hidden = false;
    box.dataset.drawn = "true";
    var map = window.L.map(box, { scrollWheelZoom: false, zoomControl: false });
    window.L.control
      .zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut })
      .addTo(map);
    window.L.tileLayer(box.dataset.tiles, {
      maxZoom: 19,
      attribution: box.dataset.attribution || "",
    }).addTo(map);
    var bounds = [];
    items.forEach(function (item) {
      marker(item).addTo(map);
      bounds.push([item.lat, item.lon]);
    });
    map.fitBounds(bounds, { maxZoom: 14, padding: [24, 24] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  document.addEventListener("htmx:afterSwap", draw);
})();
