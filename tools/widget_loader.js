/* The widget manager of a page, and the page's widget state, loaded when the reader comes near
 * a widget or touches one.
 *
 * Inlined by tools/sphinx_ext.py (late_widget_assets) at the end of every page that shows
 * Jupyter widgets, in a script tag whose data-sco-state names the page's widget state (a script
 * under _static/widgets/) and data-sco-manager the widget manager (embed.js).  Each widget
 * is in the page as its first view, plain HTML written at build time (tools/first_view.py,
 * class sco-first-view), followed by the script tag the manager draws the live widget from.
 *
 * - Nothing is fetched while the reader only reads the top of the page.  Once the reader
 *   scrolls (or follows a link to a place in the page), a widget within about half a screen
 *   of the view loads the state and the manager; so does touching, clicking or tabbing into a
 *   first view, and asking to print is not needed (a first view prints as it is).
 * - The two scripts download together and run in order (async = false): the state script puts
 *   the state where embed.js looks for it before embed.js runs.
 * - embed.js draws the widgets on the window's load event; when that event has passed, the
 *   listener it adds is called at once instead (only while embed.js runs).
 * - The live widget is drawn hidden under its first view (book.css); when it holds as many
 *   controls and panes as its first view, it takes the first view's place, with the choices
 *   the reader made there (a dropdown's option, a toggle button) and the focus.
 */
(function () {
  "use strict";
  var tag = document.currentScript;
  var STATE = tag && tag.getAttribute("data-sco-state"), SRC = tag && tag.getAttribute("data-sco-manager");
  if (!STATE || !SRC) return;
  var firsts = document.querySelectorAll(".sco-first-view");
  if (!firsts.length) return;
  var started = false, observer = null;
  var CONTROLS = "select, button";

  function count(el) {
    return el.querySelectorAll(CONTROLS).length + el.querySelectorAll(".widget-html-content").length;
  }

  function carry(first, live) {
    var before = first.querySelectorAll(CONTROLS), after = live.querySelectorAll(CONTROLS);
    var focused = null;
    for (var i = 0; i < before.length && i < after.length; i++) {
      var a = before[i], b = after[i];
      if (a.tagName !== b.tagName) break;  // a different widget: carry nothing more
      if (a === document.activeElement) focused = b;
      if (a.tagName === "SELECT") {
        var initial = -1;
        for (var k = 0; k < a.options.length; k++) if (a.options[k].defaultSelected) initial = k;
        if (a.selectedIndex !== initial && b.selectedIndex !== a.selectedIndex) {
          b.selectedIndex = a.selectedIndex;
          b.dispatchEvent(new Event("change", {bubbles: true}));
        }
      } else if (a.dataset.scoChosen) {
        b.click();
      }
    }
    return focused;
  }

  function swap() {
    var left = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".sco-first-view"), function (first) {
      var live = first.nextElementSibling;
      if (!live || !live.classList.contains("widget-subarea") || count(live) < count(first)) { left++; return; }
      var focused = carry(first, live);
      first.parentNode.removeChild(first);
      if (focused) focused.focus();
    });
    return left;
  }

  function load() {
    if (started) return;
    started = true;
    if (observer) observer.disconnect();
    var watcher = new MutationObserver(function () { if (!swap()) watcher.disconnect(); });
    watcher.observe(document.body, {childList: true, subtree: true});
    var add = window.addEventListener;
    window.addEventListener = function (type, listener) {
      if (type === "load" && document.readyState === "complete") {
        setTimeout(listener, 0);
        return undefined;
      }
      return add.apply(window, arguments);
    };
    var state = document.createElement("script");
    state.src = STATE;
    state.async = false;
    state.className = "sco-widget-state";
    document.head.appendChild(state);
    var script = document.createElement("script");
    script.src = SRC;
    script.async = false;
    script.className = "sco-widget-manager";
    script.onload = script.onerror = function () { window.addEventListener = add; };
    document.head.appendChild(script);
  }

  function watch() {
    window.removeEventListener("scroll", watch);
    if (started) return;
    if (!("IntersectionObserver" in window)) { load(); return; }
    observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) load();
    }, {rootMargin: "50% 0px"});
    Array.prototype.forEach.call(firsts, function (el) { observer.observe(el); });
  }

  window.addEventListener("scroll", watch, {passive: true});
  Array.prototype.forEach.call(firsts, function (el) {
    ["pointerdown", "touchstart", "focusin", "keydown", "input", "change"].forEach(function (type) {
      el.addEventListener(type, load, {passive: true});
    });
    el.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button");
      if (button && el.contains(button)) {
        Array.prototype.forEach.call(button.parentNode.children, function (b) {
          delete b.dataset.scoChosen;
          b.classList.remove("mod-active");
        });
        button.dataset.scoChosen = "1";
        button.classList.add("mod-active");
      }
      load();
    });
  });
})();
