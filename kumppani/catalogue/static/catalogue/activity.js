/* An activity page's enhancements; the page works without them.
   - Map: a Leaflet map (from the django-leaflet package) in each .activity-map, drawn from
     the tile address in its data attributes; without scripts or tiles the address and the
     OpenStreetMap link remain.
   - Share: the browser's own share dialog where it has one, and copying the link. */
(function () {
  "use strict";

  function drawMaps() {
    if (!window.L) {
      return;
    }
    document.querySelectorAll(".activity-map[data-lat][data-tiles]").forEach(function (box) {
      var lat = parseFloat(box.dataset.lat);
      var lon = parseFloat(box.dataset.lon);
      if (isNaN(lat) || isNaN(lon) || !box.dataset.tiles) {
        return;
      }
      box.hidden = false;
      var map = window.L.map(box, { scrollWheelZoom: false, zoomControl: false });
      window.L.control
        .zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut })
        .addTo(map);
      map.setView([lat, lon], 16);
      window.L.tileLayer(box.dataset.tiles, {
        maxZoom: 19,
        attribution: box.dataset.attribution || "",
      }).addTo(map);
      window.L.circleMarker([lat, lon], { radius: 9, weight: 3, interactive: false }).addTo(map);
    });
  }

  function enableShare() {
    document.querySelectorAll(".share[data-share-url]").forEach(function (section) {
      var url = section.dataset.shareUrl;
      var status = section.querySelector(".share-status");
      var native = section.querySelector(".share-native");
      var copy = section.querySelector(".share-copy");
      if (native && typeof navigator.share === "function") {
        native.hidden = false;
        native.addEventListener("click", function () {
          navigator.share({ title: section.dataset.shareTitle, url: url }).catch(function () {
            /* The reader closed the dialog: nothing to do. */
          });
        });
      }
      if (copy && navigator.clipboard && window.isSecureContext) {
        copy.hidden = false;
        copy.addEventListener("click", function () {
          navigator.clipboard.writeText(url).then(function () {
            if (status) {
              status.textContent = section.dataset.copied;
            }
          });
        });
      }
    });
  }

  function start() {
    drawMaps();
    enableShare();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
