/* Registers the service worker (reading without network); the site works the same without it. */
if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
        navigator.serviceWorker.register("/service-worker.js", { scope: "/" }).catch(function () {});
    });
}
