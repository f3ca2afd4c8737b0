/* The site's service worker, written by hand (portail/offline.py serves it from /service-worker.js with its
   configuration above: VERSION, SHELL, ALWAYS_KEPT, OFFLINE_PAGE, MAX_PAGES).
   - The shell (style sheets, icons, the offline page) is kept at install.
   - Pages: network first. With network the reader gets the current page and a copy is kept (at most MAX_PAGES
     pages, the oldest dropped); without network the kept copy, or the French offline page.
   - Static files (fingerprinted by WhiteNoise): the kept copy first, the network otherwise.
   Only GET requests of the site itself; never the admin, the forms' answers or the PDFs. */
"use strict";

const SHELL_CACHE = "portail-shell-" + VERSION;
const PAGES_CACHE = "portail-pages";

self.addEventListener("install", (event) => {
    event.waitUntil(
        caches.open(SHELL_CACHE)
            .then((cache) => cache.addAll(SHELL))
            .then(() => caches.open(PAGES_CACHE))
            .then((cache) => Promise.all(ALWAYS_KEPT.map((url) => fetch(url, { credentials: "same-origin" })
                .then((response) => response.ok ? cache.put(url, response) : null)
                .catch(() => null))))
            .then(() => self.skipWaiting())
    );
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches.keys()
            .then((names) => Promise.all(names
                .filter((name) => name.startsWith("portail-shell-") && name !== SHELL_CACHE)
                .map((name) => caches.delete(name))))
            .then(() => self.clients.claim())
    );
});

function isPage(request) {
    return request.mode === "navigate" || (request.headers.get("Accept") || "").includes("text/html");
}

function ignored(url) {
    return url.origin !== self.location.origin
        || /^\/(admin|documents|django-admin)\//.test(url.pathname)
        || /\.(pdf|csv|json|ics|xml)$/.test(url.pathname)
        || /\/(export|atelier|classes|connexion|admin)\//.test(url.pathname);
}

async function trim(cache) {
    const keys = await cache.keys();
    const extra = keys.length - MAX_PAGES;
    for (let index = 0; index < extra; index += 1) {
        await cache.delete(keys[index]);
    }
}

async function keepPage(request, response) {
    const cache = await caches.open(PAGES_CACHE);
    await cache.delete(request, { ignoreVary: true });
    await cache.put(request, response);
    await trim(cache);
}

async function page(event) {
    const request = event.request;
    try {
        const response = await fetch(request);
        const url = new URL(request.url);
        const personal = (response.headers.get("Cache-Control") || "").includes("private")
            && !ALWAYS_KEPT.includes(url.pathname);
        if (response.ok && response.type === "basic" && !personal && !response.headers.has("Content-Disposition")) {
            event.waitUntil(keepPage(request, response.clone()));
        }
        return response;
    } catch (error) {
        const kept = await caches.match(request, { ignoreVary: true, cacheName: PAGES_CACHE });
        if (kept) {
            return kept;
        }
        return (await caches.match(OFFLINE_PAGE, { cacheName: SHELL_CACHE }))
            || new Response("Pas de réseau.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
}

async function asset(request) {
    const kept = await caches.match(request, { ignoreVary: true });
    if (kept) {
        return kept;
    }
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
        const cache = await caches.open(SHELL_CACHE);
        cache.put(request, response.clone());
    }
    return response;
}

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") {
        return;
    }
    const url = new URL(request.url);
    if (ignored(url)) {
        return;
    }
    if (isPage(request)) {
        event.respondWith(page(event));
    } else if (url.pathname.startsWith("/static/")) {
        event.respondWith(asset(request));
    }
});
