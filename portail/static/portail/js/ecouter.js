/* « Écouter » reads a text aloud with the browser's speech synthesis (a definition, a fiche), in the language
   of the text; a second press stops it. « Imprimer » opens the print dialog. Both stay hidden where the
   browser cannot do it: without JavaScript the page is whole, only these two buttons are missing. */
(function () {
    "use strict";
    var synth = window.speechSynthesis;
    var canSpeak = !!synth && typeof window.SpeechSynthesisUtterance === "function";

    function textLanguage(element) {
        var withLang = element.closest("[lang]");
        return (withLang && withLang.getAttribute("lang")) || document.documentElement.lang || "fr";
    }

    function speak(button, target) {
        var label = button.textContent;
        var stopLabel = button.getAttribute("data-listen-stop") || label;
        var title = document.querySelector("h1");
        var utterance = new SpeechSynthesisUtterance((title ? title.textContent + ". " : "") + target.textContent);
        var lang = textLanguage(target);
        utterance.lang = lang;
        var voices = synth.getVoices().filter(function (voice) {
            return voice.lang && voice.lang.toLowerCase().indexOf(lang.toLowerCase().slice(0, 2)) === 0;
        });
        if (voices.length) { utterance.voice = voices[0]; }
        utterance.rate = 0.9;
        utterance.onend = utterance.onerror = function () {
            button.textContent = label;
        };
        button.textContent = stopLabel;
        synth.speak(utterance);
    }

    document.querySelectorAll("[data-listen-target]").forEach(function (button) {
        if (!canSpeak) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            var target = document.getElementById(button.getAttribute("data-listen-target"));
            if (!target) { return; }
            if (synth.speaking) {
                synth.cancel();
                return;
            }
            speak(button, target);
        });
    });

    document.querySelectorAll("[data-print]").forEach(function (link) {
        if (typeof window.print !== "function") { return; }
        link.hidden = false;
        link.addEventListener("click", function (event) {
            event.preventDefault();
            window.print();
        });
    });
})();
