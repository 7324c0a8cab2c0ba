// Registers the site's service worker (sw.js, at the site's root, beside assets/). Only over https, where browsers allow it; a page opened
// from a file (an offline bundle) or without JavaScript works the same.
if ("serviceWorker" in navigator && location.protocol === "https:") {
  navigator.serviceWorker.register(new URL("../sw.js", document.currentScript.src)).catch(() => undefined);
}
