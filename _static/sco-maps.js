/* The maps load lazily (an iframe with loading="lazy", written by tools/sphinx_ext.py).
 *
 * - A map's frame names its document in data-src (tools/sphinx_ext.py, maps_wait_for_the_reader):
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
})();
