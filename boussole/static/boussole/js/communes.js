/* Progressive enhancement: suggest communes (name or postal code) while typing. The form works without it. */
(function () {
    "use strict";
    var inputs = document.querySelectorAll("input[data-communes]");
    Array.prototype.forEach.call(inputs, function (input) {
        var list = document.getElementById(input.getAttribute("list"));
        var timer = null;
        if (!list || !window.fetch) { return; }
        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            var text = input.value.trim();
            if (text.length < 2) { return; }
            timer = window.setTimeout(function () {
                fetch("/boussole/communes.json?q=" + encodeURIComponent(text))
                    .then(function (response) { return response.ok ? response.json() : { communes: [] }; })
                    .then(function (data) {
                        list.textContent = "";
                        data.communes.forEach(function (commune) {
                            var option = document.createElement("option");
                            option.value = commune.nom;
                            option.label = commune.nom + " (" + commune.codes_postaux.join(", ") + ")";
                            list.appendChild(option);
                        });
                    })
                    .catch(function () { /* suggestions are optional */ });
            }, 200);
        });
        input.addEventListener("change", function () {
            /* A place typed by hand replaces a commune picked or a position found earlier. */
            ["commune", "lat", "lon"].forEach(function (name) {
                var hidden = input.form && input.form.querySelector("input[name=" + name + "]");
                if (hidden) { hidden.value = ""; }
            });
        });
    });
})();
