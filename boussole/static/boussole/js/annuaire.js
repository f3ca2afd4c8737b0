/* Progressive enhancement of the annuaire: a map of the listed structures (Leaflet, OpenStreetMap tiles)
   and an "Autour de moi" button. The list and the search form work without them. */
(function () {
    "use strict";
    var dataElement = document.getElementById("carte-donnees");
    var mapElement = document.getElementById("carte");
    if (dataElement && mapElement && window.L) {
        var markers = JSON.parse(dataElement.textContent);
        if (markers.length) {
            mapElement.hidden = false;
            var map = window.L.map(mapElement, { scrollWheelZoom: false, zoomControl: false });
            window.L.control.zoom({
                zoomInTitle: mapElement.dataset.zoomIn || "+",
                zoomOutTitle: mapElement.dataset.zoomOut || "-"
            }).addTo(map);
            var tiles = window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
                maxZoom: 19,
                attribution: mapElement.getAttribute("data-attribution") || "&copy; OpenStreetMap"
            });
            // Tiles that cannot load (offline, blocked, server down) leave a grey square: say so in one line, the
            // list below stays the answer.
            var loaded = false;
            var failure = document.getElementById("carte-indisponible");
            tiles.on("tileload", function () {
                loaded = true;
                if (failure) { failure.hidden = true; }
            });
            tiles.on("tileerror", function () {
                if (!loaded && failure) { failure.hidden = false; }
            });
            tiles.addTo(map);
            var bounds = [];
            markers.forEach(function (item) {
                var link = document.createElement("a");
                link.href = item.url;
                link.textContent = item.nom;
                var popup = document.createElement("div");
                popup.appendChild(link);
                popup.appendChild(document.createElement("br"));
                popup.appendChild(document.createTextNode(item.statut));
                // Markers are reachable with Tab (Enter opens the link's popup); the list below gives the same
                // links to screen readers.
                window.L.marker([item.lat, item.lon], { title: item.nom, alt: item.nom, keyboard: true })
                    .addTo(map)
                    .bindPopup(popup);
                bounds.push([item.lat, item.lon]);
            });
            map.fitBounds(bounds, { maxZoom: 14, padding: [30, 30] });
        }
    }
    var slot = document.querySelector("[data-geolocate]");
    if (slot && navigator.geolocation) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = slot.getAttribute("data-label");
        button.addEventListener("click", function () {
            navigator.geolocation.getCurrentPosition(function (position) {
                var form = slot.closest("form");
                form.querySelector("input[name=lat]").value = position.coords.latitude.toFixed(4);
                form.querySelector("input[name=lon]").value = position.coords.longitude.toFixed(4);
                form.submit();
            });
        });
        slot.replaceWith(button);
    }
})();
