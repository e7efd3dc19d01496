/* Quizzes (jupyterquiz, shown by helpers.exercises.quiz) for keyboard users and phones.
 *
 * - Arrow keys move between the choices of a question without answering it: jupyterquiz
 *   answers on every click, and a browser clicks a radio button as the arrows check it, so
 *   the arrows are taken here and move the focus only.  Space (or Enter) answers.
 * - A number question gets a visible hint and a "Check" button beside its box; Enter still works.
 * - Its box accepts paste (jupyterquiz refuses it; a reader may paste a number from a table).
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
      if (typeof box.onkeypress === "function") box.onkeypress.call(box, {which: 13, keyCode: 13});
    });
    box.setAttribute("aria-describedby", hint.id);
    box.insertAdjacentElement("afterend", button);
    box.parentElement.insertBefore(hint, box.previousElementSibling && box.previousElementSibling.tagName === "LABEL"
      ? box.previousElementSibling : box);
  }

  function equipAll() {
    document.querySelectorAll(".Quiz input.Input-text").forEach(equip);
  }

  function start() {
    equipAll();
    new MutationObserver(equipAll).observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
