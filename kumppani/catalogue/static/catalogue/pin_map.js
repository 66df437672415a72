/* The editor's map for the activity's pin (catalogue/includes/pin_map.html).
   The volunteer taps the map or drags the pin; its place goes into the form's hidden pin
   fields (never typed, never shown as numbers). The pin can also be put in the middle of the
   map, moved with the arrow keys (Shift: further) and removed. The map starts at the pin, or
   else at the chosen municipality's places, or else shows the whole of Finland. Without this
   script, Leaflet or tiles, the map stays hidden and the fields keep the pin as it was. */
(function () {
  "use strict";

  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  function start() {
    var box = document.querySelector("[data-pin-map]");
    var source = document.getElementById("pin-map-data");
    var L = window.L;
    if (!box || !source || !L) {
      return;
    }
    var form = box.closest("form");
    var lat = form && form.querySelector("input[name=pin_lat]");
    var lon = form && form.querySelector("input[name=pin_lon]");
    if (!lat || !lon) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var municipality = form.querySelector("[name=municipality]");
    var status = box.querySelector(".pin-map-state");
    var removeButton = box.querySelector("[data-pin-remove]");
    var centreButton = box.querySelector("[data-pin-centre]");
    var map = null;
    var marker = null;

    function stored() {
      var a = parseFloat(lat.value);
      var b = parseFloat(lon.value);
      return isNaN(a) || isNaN(b) ? null : L.latLng(a, b);
    }

    function changed() {
      // The form's autosave listens to changes; hidden fields make none by themselves.
      lat.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function store(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      changed();
    }

    function show(message) {
      status.textContent = message;
      removeButton.hidden = !marker;
    }

    function moveByKeys(event) {
      var step = ARROWS[event.key];
      if (!step || !marker) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      var pixels = event.shiftKey ? 40 : 8;
      var point = map.latLngToContainerPoint(marker.getLatLng()).add([step[0] * pixels, step[1] * pixels]);
      var latlng = map.containerPointToLatLng(point);
      marker.setLatLng(latlng);
      store(latlng);
    }

    function put(latlng, save) {
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = L.marker(latlng, {
          draggable: true,
          keyboard: true,
          title: box.dataset.pinTitle,
          alt: box.dataset.pinTitle,
        }).addTo(map);
        marker.on("dragend", function () {
          store(marker.getLatLng());
        });
        marker.getElement().addEventListener("keydown", moveByKeys);
      }
      if (save) {
        store(latlng);
      }
      show(box.dataset.placed);
    }

    function municipalityView() {
      var centre = municipality && data.centres[municipality.value];
      if (centre) {
        return { centre: centre, zoom: data.municipalityZoom };
      }
      return { centre: data.finland.slice(0, 2), zoom: data.finland[2] };
    }

    function draw() {
      if (map) {
        map.invalidateSize();
        return;
      }
      map = L.map(box.querySelector(".pin-map"), {
        keyboard: true,
        scrollWheelZoom: false,
        zoomControl: false,
      });
      L.control.zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut }).addTo(map);
      L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution || "" }).addTo(map);
      var pin = stored();
      if (pin) {
        map.setView(pin, data.pinZoom);
        put(pin, false);
      } else {
        var view = municipalityView();
        map.setView(view.centre, view.zoom);
        show(box.dataset.none);
      }
      map.on("click", function (event) {
        put(event.latlng, true);
      });
    }

    box.hidden = false;
    box.addEventListener("toggle", function () {
      if (box.open) {
        draw();
      }
    });
    centreButton.addEventListener("click", function () {
      put(map.getCenter(), true);
      marker.getElement().focus();
    });
    removeButton.addEventListener("click", function () {
      if (marker) {
        marker.remove();
        marker = null;
      }
      lat.value = "";
      lon.value = "";
      changed();
      show(box.dataset.removed);
      centreButton.focus();
    });
    if (municipality) {
      municipality.addEventListener("change", function () {
        if (map && !marker) {
          var view = municipalityView();
          map.setView(view.centre, view.zoom);
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
