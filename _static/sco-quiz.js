/* Quizzes (jupyterquiz, shown by helpers.exercises.quiz) for keyboard users and phones.
 *
 * - Arrow keys move between the choices of a question without answering it: jupyterquiz
 *   answers on every click, and a browser clicks a radio button as the arrows check it, so
 *   the arrows are taken here and move the focus only.  Space (or Enter) answers.
 * - A number question gets a visible hint and a "Check" button beside its box; Enter still works.
 * - A word typed into a number question gets feedback about numbers; feedback is announced.
 * - Its box accepts paste (jupyterquiz refuses it; a reader may paste a number from a table),
 *   and is labelled for screen readers.
 * The focus ring is drawn by book.css (label.MCButton:has(input:focus-visible)).
 */
(function () {
  "use strict";
  var MOVES = {ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1};

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio" || !input.closest(".Quiz")) return;
    if (event.key === "Enter") {  // answer, as Space does
      event.preventDefault();
      input.click();
      return;
    }
    var step = MOVES[event.key];
    if (!step) return;
    event.preventDefault();  // no check, hence no click, hence no answer
    var group = Array.prototype.slice.call(document.getElementsByName(input.name));
    var next = group[(group.indexOf(input) + step + group.length) % group.length];
    if (next) next.focus();
  }, true);

  function equip(box) {
    if (box.dataset.scoEquipped) return;
    box.dataset.scoEquipped = "1";
    // jupyterquiz gives its number boxes no label (a quiz is drawn when the reader comes near it)
    if (!box.getAttribute("aria-label")) box.setAttribute("aria-label", "Your answer: type a number and press Enter");
    box.onpaste = null;
    var hint = document.createElement("p");
    hint.className = "sco-quiz-hint";
    hint.id = box.id + "-hint";
    hint.textContent = "Type a number (digits only), then press Enter or the Check button.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sco-quiz-check";
    button.textContent = "Check";
    button.addEventListener("click", function () {
      if (notANumber(box)) return;
      if (typeof box.onkeypress === "function") box.onkeypress.call(box, {which: 13, keyCode: 13});
    });
    box.setAttribute("aria-describedby", hint.id);
    box.insertAdjacentElement("afterend", button);
    box.parentElement.insertBefore(hint, box.previousElementSibling && box.previousElementSibling.tagName === "LABEL"
      ? box.previousElementSibling : box);
  }

  /* A word typed into a number question gets feedback about numbers (issue 24): jupyterquiz
   * would compare NaN with every answer and say only "Incorrect". Digits, a decimal point or
   * comma, a sign and a fraction a/b are numbers; anything else is answered here. */
  var NUMBER = /^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)(\s*\/\s*\d+([.,]\d*)?)?\s*$/;
  function notANumber(box) {
    if (NUMBER.test(box.value)) return false;
    var fb = document.getElementById("fb" + box.id.split("-")[0]);
    if (fb) {
      fb.textContent = box.value.trim()
        ? "\u201c" + box.value.trim() + "\u201d is not a number: type the answer in digits (for example 1996), then press Enter."
        : "Type a number in digits (for example 1996), then press Enter.";
      fb.style.display = "block";
      fb.className = "Feedback incorrect";
    }
    box.className = "Input-text incorrectButton";
    return true;
  }
  document.addEventListener("keypress", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains("Input-text") || !box.closest(".Quiz")) return;
    if ((event.key === "Enter" || event.keyCode === 13) && notANumber(box)) {
      event.preventDefault();
      event.stopPropagation();  // in the capture phase: jupyterquiz's own handler never sees it
    }
  }, true);

  /* Feedback is announced to screen readers: each quiz gets a polite live region that repeats
   * the text of whichever feedback box last changed (a box that was hidden is not announced
   * reliably by itself). */
  function live(quiz) {
    var region = quiz.querySelector(":scope > .sco-quiz-live");
    if (!region) {
      region = document.createElement("div");
      region.className = "sco-quiz-live";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      region.setAttribute("aria-atomic", "true");
      quiz.appendChild(region);
    }
    return region;
  }
  var watched = new WeakSet();
  function watch(fb) {
    if (watched.has(fb)) return;
    watched.add(fb);
    var quiz = fb.closest(".Quiz");
    if (!quiz) return;
    var region = live(quiz);
    new MutationObserver(function () {
      var text = fb.textContent.trim();
      if (text && fb.style.display !== "none") region.textContent = text;
    }).observe(fb, {childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ["style", "class"]});
  }

  function equipAll() {
    document.querySelectorAll(".Quiz input.Input-text").forEach(equip);
    document.querySelectorAll(".Quiz .Feedback").forEach(watch);
  }

  function start() {
    equipAll();
    new MutationObserver(equipAll).observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
