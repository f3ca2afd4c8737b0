/* With JavaScript, the list of fiches follows the ticked boxes (the form is sent on each change); without it,
   the « Afficher les fiches » buttons (at the top and the bottom of the filters) do the same. */
(function () {
    "use strict";
    var form = document.querySelector("form[data-auto-submit]");
    if (!form) { return; }
    form.addEventListener("change", function (event) {
        if (event.target.type === "checkbox") {
            if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        }
    });
})();
