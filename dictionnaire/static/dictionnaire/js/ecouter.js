/* « Écouter » reads the short definition aloud in French with the browser's speech synthesis,
   and « Imprimer » opens the print dialog. Both buttons stay hidden where the browser cannot do it. */
(function () {
    "use strict";
    var synth = window.speechSynthesis;
    document.querySelectorAll("[data-listen-target]").forEach(function (button) {
        if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            var target = document.getElementById(button.getAttribute("data-listen-target"));
            if (!target) { return; }
            synth.cancel();
            var title = document.querySelector("h1");
            var utterance = new SpeechSynthesisUtterance((title ? title.textContent + ". " : "") + target.textContent);
            utterance.lang = "fr-FR";
            var voices = synth.getVoices().filter(function (voice) { return voice.lang && voice.lang.indexOf("fr") === 0; });
            if (voices.length) { utterance.voice = voices[0]; }
            utterance.rate = 0.9;
            synth.speak(utterance);
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
