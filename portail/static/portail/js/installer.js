/* Registers the offline service worker (portail/offline.py). */
if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () { navigator.serviceWorker.register("/service-worker.js").catch(function () {}); });
}
