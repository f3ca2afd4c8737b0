/*
 * Autocomplete for the dictionary search box: an ARIA 1.2 combobox with a listbox of suggestions.
 * Progressive enhancement only: without this file the form still submits to the search page.
 * Keys: Down/Up move through the suggestions, Enter opens the chosen word, Escape closes the list.
 */
(function () {
    "use strict";

    var DELAY = 150;
    var LIMIT = 6;

    function setUp(form) {
        var input = form.querySelector("input[name='q']");
        var endpoint = form.getAttribute("data-autocomplete");
        if (!input || !endpoint || !window.fetch) {
            return;
        }
        var row = input.parentNode;
        row.classList.add("autocomplete");
        var listId = input.id + "-suggestions";
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "autocomplete__list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", form.getAttribute("data-list-label") || "");
        list.hidden = true;
        row.appendChild(list);
        var status = document.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", listId);
        input.setAttribute("aria-expanded", "false");

        var options = [];
        var active = -1;
        var timer = null;
        var controller = null;

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            options.forEach(function (option, position) {
                option.setAttribute("aria-selected", position === index ? "true" : "false");
            });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function choose(index) {
            var option = options[index];
            if (option) {
                window.location.href = option.getAttribute("data-url");
            }
        }

        function show(results) {
            list.textContent = "";
            options = results.map(function (result, position) {
                var option = document.createElement("li");
                option.id = listId + "-" + position;
                option.className = "autocomplete__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.setAttribute("data-url", result.url);
                option.textContent = result.term;
                if (result.short_definition) {
                    var hint = document.createElement("small");
                    hint.textContent = result.short_definition;
                    option.appendChild(hint);
                }
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    choose(position);
                });
                list.appendChild(option);
                return option;
            });
            active = -1;
            if (options.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = options.length === 1
                    ? form.getAttribute("data-status-one")
                    : form.getAttribute("data-status-many").replace("%(count)s", String(options.length));
            } else {
                close();
                status.textContent = "";
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query.length < 2) {
                show([]);
                return;
            }
            if (controller) {
                controller.abort();
            }
            controller = window.AbortController ? new AbortController() : null;
            var url = endpoint + "?" + new URLSearchParams({ q: query.slice(0, 100), limit: String(LIMIT) });
            fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        show(data.results || []);
                    }
                })
                .catch(function () { /* the form still works without suggestions */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY);
        });

        input.addEventListener("keydown", function (event) {
            if (event.key === "ArrowDown") {
                if (list.hidden && options.length) {
                    list.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                if (options.length) {
                    event.preventDefault();
                    highlight((active + 1) % options.length);
                }
            } else if (event.key === "ArrowUp") {
                if (options.length) {
                    event.preventDefault();
                    highlight(active <= 0 ? options.length - 1 : active - 1);
                }
            } else if (event.key === "Enter") {
                if (!list.hidden && active >= 0) {
                    event.preventDefault();
                    choose(active);
                }
            } else if (event.key === "Escape") {
                if (!list.hidden) {
                    event.preventDefault();
                    close();
                }
            }
        });

        input.addEventListener("blur", function () {
            window.setTimeout(close, 100);
        });
    }

    function start() {
        Array.prototype.forEach.call(document.querySelectorAll("form[data-autocomplete]"), setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
