// Report forms: the phone's location, township → village, "find my village", the matter filter and
// the optional pin map. Everything works without this script (grouped selects, typed coordinates).
(function () {
  "use strict";
  function byId(id) { return document.getElementById(id); }

  function locate(onPosition, onFailure) {
    if (!navigator.geolocation) { onFailure(gettext("本设备不支持定位，请手动选择。")); return; }
    navigator.geolocation.getCurrentPosition(function (pos) {
      var lat = pos.coords.latitude.toFixed(6), lon = pos.coords.longitude.toFixed(6);
      if (byId("id_latitude")) { byId("id_latitude").value = lat; byId("id_longitude").value = lon; }
      onPosition(lat, lon);
    }, function () { onFailure(gettext("无法获取当前位置（可能未允许定位），请手动选择。")); },
    { enableHighAccuracy: true, timeout: 10000 });
  }

  // township → village: only the chosen township's villages are offered
  function filterVillages(picker) {
    var town = picker.querySelector("[data-town-select]").value;
    var village = picker.querySelector("[data-village-select]");
    village.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = Boolean(town) && group.getAttribute("data-town") !== town;
    });
    var chosen = village.selectedOptions[0];
    if (chosen && chosen.value && town && chosen.getAttribute("data-town") !== town) { village.value = ""; }
  }
  document.querySelectorAll("[data-place-picker]").forEach(function (picker) {
    picker.querySelector("[data-town-select]").addEventListener("change", function () { filterVillages(picker); });
    picker.querySelector("[data-village-select]").addEventListener("change", function (event) {
      var option = event.target.selectedOptions[0];
      if (option && option.value) {
        picker.querySelector("[data-town-select]").value = option.getAttribute("data-town");
        filterVillages(picker);
      }
    });
    filterVillages(picker);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-locate]");
    if (button) {
      button.disabled = true;
      var said = button.parentNode.querySelector("[data-locate-status]");
      locate(function () {
        button.disabled = false;
        if (said) { said.textContent = gettext("位置已获取（经纬度）；详细地址可选填"); }
      }, function (message) {
        button.disabled = false;
        if (said) { said.textContent = message; }
      });
      return;
    }
    var nearest = event.target.closest("[data-nearest]");
    if (!nearest) { return; }
    var picker = nearest.closest("[data-place-picker]");
    var status = picker.querySelector("[data-nearest-status]");
    nearest.disabled = true;
    status.textContent = gettext("正在定位…");
    locate(function (lat, lon) {
      fetch(nearest.getAttribute("data-url") + "?lat=" + lat + "&lon=" + lon, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          status.textContent = data.message;
          if (data.found) {
            picker.querySelector("[data-town-select]").value = data.town;
            filterVillages(picker);
            picker.querySelector("[data-village-select]").value = data.code;
          }
        })
        .catch(function () { status.textContent = gettext("查找失败，请手动选择。"); })
        .then(function () { nearest.disabled = false; });
    }, function (message) { status.textContent = message; nearest.disabled = false; });
  });

  // the matter picker: typing narrows the grouped list
  document.querySelectorAll("[data-filter-select]").forEach(function (input) {
    var select = byId(input.getAttribute("data-filter-select"));
    input.addEventListener("input", function () {
      var words = input.value.trim();
      select.querySelectorAll("optgroup").forEach(function (group) {
        var any = false;
        group.querySelectorAll("option").forEach(function (option) {
          var show = !words || option.textContent.indexOf(words) >= 0 || group.label.indexOf(words) >= 0;
          option.hidden = !show;
          any = any || show;
        });
        group.hidden = !any;
      });
    });
  });

  // the optional pin map (only when the deployment names a tile server)
  var mapBox = byId("pin-map");
  if (mapBox && window.L) {
    var map = window.L.map(mapBox).setView([parseFloat(mapBox.getAttribute("data-lat")),
                                            parseFloat(mapBox.getAttribute("data-lon"))],
                                           parseInt(mapBox.getAttribute("data-zoom"), 10) || 11);
    window.L.tileLayer(mapBox.getAttribute("data-tiles"), { maxZoom: 18 }).addTo(map);
    var marker = null;
    map.on("click", function (e) {
      if (marker) { marker.setLatLng(e.latlng); } else { marker = window.L.marker(e.latlng).addTo(map); }
      byId("id_latitude").value = e.latlng.lat.toFixed(6);
      byId("id_longitude").value = e.latlng.lng.toFixed(6);
    });
  }
})();
