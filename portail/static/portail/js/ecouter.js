/* « Écouter » reads a text aloud with the browser's speech synthesis (a whole definition, a fiche, a Boussole
   sheet), in the language of the text, sentence by sentence: « Pause » / « Reprendre », « Plus lentement »
   (a toggle), and « Arrêter » on the first button. « Imprimer » opens the print dialog. All stay hidden where the
   browser cannot do it: without JavaScript the page is whole, only these buttons are missing.
   data-listen-target holds one or more ids (in reading order); tooltips of linked words, buttons and hidden
   text are not read. */
(function () {
    "use strict";
    var synth = window.speechSynthesis;
    var canSpeak = !!synth && typeof window.SpeechSynthesisUtterance === "function";
    var NOT_READ = "button, .defined-word__tip, .visually-hidden, [hidden], script, style, [aria-hidden='true']";
    var NORMAL_RATE = 0.9;
    var SLOW_RATE = 0.65;

    function textLanguage(element) {
        var withLang = element.closest("[lang]");
        return (withLang && withLang.getAttribute("lang")) || document.documentElement.lang || "fr";
    }

    function readableText(element) {
        var copy = element.cloneNode(true);
        copy.querySelectorAll(NOT_READ).forEach(function (node) { node.remove(); });
        copy.querySelectorAll("p, li, h2, h3, h4, dt, dd, br, div, section").forEach(function (node) {
            node.insertAdjacentText("afterend", ". ");
        });
        return copy.textContent.replace(/\s+/g, " ").replace(/(\.\s*){2,}/g, ". ").trim();
    }

    function sentences(text) {
        return (text.match(/[^.!?;:]+[.!?;:]*/g) || [text]).map(function (part) { return part.trim(); })
            .filter(function (part) { return part.replace(/[.!?;:\s]/g, "").length; });
    }

    function setUp(group) {
        var button = group.querySelector("[data-listen-target]");
        var pause = group.querySelector(".listen-pause");
        var slower = group.querySelector(".listen-slower");
        var label = button.textContent;
        var state = { parts: [], index: 0, lang: "fr", playing: false };

        function voiceFor(lang) {
            var voices = synth.getVoices().filter(function (voice) {
                return voice.lang && voice.lang.toLowerCase().indexOf(lang.toLowerCase().slice(0, 2)) === 0;
            });
            return voices[0] || null;
        }

        function reset() {
            state.playing = false;
            button.textContent = label;
            pause.hidden = true;
            pause.textContent = pause.getAttribute("data-listen-pause");
        }

        function next() {
            if (!state.playing) { return; }
            if (state.index >= state.parts.length) { reset(); return; }
            var part = state.parts[state.index];
            var utterance = new SpeechSynthesisUtterance(part.text);
            utterance.lang = part.lang;
            var voice = voiceFor(part.lang);
            if (voice) { utterance.voice = voice; }
            utterance.rate = slower.getAttribute("aria-pressed") === "true" ? SLOW_RATE : NORMAL_RATE;
            utterance.onend = function () { state.index += 1; next(); };
            utterance.onerror = function (event) { if (event.error !== "interrupted" && event.error !== "canceled") { reset(); } };
            synth.speak(utterance);
        }

        function start() {
            var title = document.querySelector("h1");
            state.parts = title ? [{ text: title.textContent.trim(), lang: textLanguage(title) }] : [];
            button.getAttribute("data-listen-target").split(/\s+/).forEach(function (id) {
                var target = id && document.getElementById(id);
                if (!target) { return; }
                sentences(readableText(target)).forEach(function (text) {
                    state.parts.push({ text: text, lang: textLanguage(target) });
                });
            });
            state.index = 0;
            state.playing = true;
            button.textContent = button.getAttribute("data-listen-stop") || label;
            pause.hidden = false;
            synth.cancel();
            next();
        }

        group.hidden = false;
        button.hidden = false;
        button.addEventListener("click", function () {
            if (state.playing || synth.speaking) {
                synth.cancel();
                reset();
                return;
            }
            start();
        });
        pause.addEventListener("click", function () {
            if (synth.paused) {
                synth.resume();
                pause.textContent = pause.getAttribute("data-listen-pause");
            } else {
                synth.pause();
                pause.textContent = pause.getAttribute("data-listen-resume");
            }
        });
        slower.addEventListener("click", function () {
            var slow = slower.getAttribute("aria-pressed") !== "true";
            slower.setAttribute("aria-pressed", slow ? "true" : "false");
            if (state.playing && !synth.paused) {  // the current sentence again, at the new speed
                synth.cancel();
                next();
            }
        });
    }

    if (canSpeak) {
        document.querySelectorAll("[data-listen]").forEach(setUp);
    }

    document.querySelectorAll("[data-print]").forEach(function (link) {
        if (typeof window.print !== "function") { return; }
        link.hidden = false;
        link.addEventListener("click", function (event) {
            event.preventDefault();
            window.print();
        });
    });
})();
