/* The maps load lazily (an iframe with loading="lazy", written by tools/sphinx_ext/maps.py).
 *
 * - A map's frame names its document in data-src (tools/sphinx_ext/maps.py, maps_wait_for_the_reader):
 *   it gets its src when the reader comes within half a screen of it, not at page load.
 * - A map whose document has loaded marks its figure (class sco-map-loaded); the print
 *   stylesheet (book.css) leaves out a map that has not, so that a printed page never shows an
 *   empty frame: the map's caption and its text alternative, the table beside it, are printed.
 * - When the page is about to print (beforeprint, or the print media query), every map is asked
 *   to load at once; each is printed as soon as it has loaded.
 */
(function () {
  "use strict";
  function mark(frame) {
    var doc = null;
    try { doc = frame.contentDocument; } catch (e) { return; }
    if (doc && doc.querySelector(".leaflet-container")) frame.closest("figure.sco-map").classList.add("sco-map-loaded");
  }
  var frames = document.querySelectorAll("iframe.sco-map-frame");
  function start(frame) {
    var src = frame.getAttribute("data-src");
    if (src && !frame.getAttribute("src")) frame.setAttribute("src", src);
  }
  Array.prototype.forEach.call(frames, function (frame) {
    frame.addEventListener("load", function () { mark(frame); });
    mark(frame);  // loaded before this script ran
  });
  if ("IntersectionObserver" in window) {
    var near = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { start(e.target); near.unobserve(e.target); }
      });
    }, {rootMargin: "50% 0px"});
    Array.prototype.forEach.call(frames, function (frame) { near.observe(frame); });
  } else {
    Array.prototype.forEach.call(frames, start);
  }
  function loadAll() {
    Array.prototype.forEach.call(frames, function (frame) { frame.loading = "eager"; start(frame); });
  }
  window.addEventListener("beforeprint", loadAll);
  var print = window.matchMedia && window.matchMedia("print");
  if (print && print.addEventListener) print.addEventListener("change", function (e) { if (e.matches) loadAll(); });

  /* A printed map (issue 24) shows its legend open and its whole subject, whether or not the
   * reader scrolled past it, zoomed or folded its legend: while printing, each map is set to the
   * printed size (PRINT_W x PRINT_H, as book.css prints it; A4 and Letter are wider) and framed on
   * its data (window.scoFit of helpers/maps.py); after printing it gets back its size and view. */
  var PRINT_W = 680, PRINT_H = 300, printing = false;
  function framed(frame) {
    var win = null;
    try { win = frame.contentWindow; } catch (e) { return; }
    if (!win || typeof win.scoFit !== "function" || frame.dataset.scoPrinted) return;
    var map = win.scoMap;
    frame.dataset.scoPrinted = "1";
    frame.scoView = map ? {center: map.getCenter(), zoom: map.getZoom()} : null;
    frame.style.setProperty("width", PRINT_W + "px");
    frame.style.setProperty("max-width", "100%");
    frame.style.setProperty("height", PRINT_H + "px", "important");
    void frame.offsetWidth;  // lay the frame out at its printed size before the map measures it
    void win.document.documentElement.clientWidth;
    win.scoFit({legend: true, padding: 10});
  }
  function unframed(frame) {
    if (!frame.dataset.scoPrinted) return;
    delete frame.dataset.scoPrinted;
    frame.style.removeProperty("width");
    frame.style.removeProperty("max-width");
    frame.style.setProperty("height", frame.dataset.scoHeight || "460px");
    var win = frame.contentWindow;
    if (win && win.scoMap) {
      win.scoMap.invalidateSize({pan: false});
      if (frame.scoView) win.scoMap.setView(frame.scoView.center, frame.scoView.zoom, {animate: false});
    }
  }
  Array.prototype.forEach.call(frames, function (frame) {
    frame.dataset.scoHeight = frame.style.height || "460px";
    frame.addEventListener("load", function () { if (printing) framed(frame); });
  });
  function toPrint() { printing = true; loadAll(); Array.prototype.forEach.call(frames, framed); }
  function toScreen() { printing = false; Array.prototype.forEach.call(frames, unframed); }
  window.addEventListener("beforeprint", toPrint);
  window.addEventListener("afterprint", toScreen);
  if (print && print.addEventListener) print.addEventListener("change", function (e) { if (e.matches) toPrint(); else toScreen(); });
})();
