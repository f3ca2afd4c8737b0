/* With JavaScript, the list of fiches follows the ticked boxes: the results are fetched and replaced in place
   (focus stays on the box, the address follows); without it, the « Afficher les fiches » buttons (at the top and
   the bottom of the filters) send the form. */
(function () {
    "use strict";
    var form = document.querySelector("form[data-auto-submit]");
    var results = document.querySelector(".fiches-results");
    if (!form || !results || !window.fetch || !window.URLSearchParams) { return; }
    var pending = null;
    form.addEventListener("change", function (event) {
        if (event.target.type !== "checkbox") { return; }
        var query = new URLSearchParams(new FormData(form)).toString();
        var url = form.action.split("?")[0] + (query ? "?" + query : "");
        if (pending) { pending.abort(); }
        pending = new AbortController();
        results.setAttribute("aria-busy", "true");
        fetch(url, { signal: pending.signal, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".fiches-results");
                if (fresh) {
                    results.innerHTML = fresh.innerHTML;
                    window.history.replaceState(null, "", url);
                }
            })
            .catch(function () { /* the buttons still send the form */ })
            .then(function () { results.removeAttribute("aria-busy"); });
    });
})();
