(function () {
  var button = document.getElementById("expand-all");
  if (!button) return;
  var cards = document.querySelectorAll("details.card");
  var pending = false;
  function sync() {
    pending = false;
    var open = 0;
    for (var i = 0; i < cards.length; i++) if (cards[i].open) open++;
    var all = cards.length > 0 && open === cards.length;
    button.setAttribute("aria-expanded", all ? "true" : "false");
    button.textContent = all ? "Collapse all" : "Expand all";
  }
  document.addEventListener("toggle", function () {
    if (!pending) {
      pending = true;
      setTimeout(sync, 0);
    }
  }, true);
  function setAll(value) {
    for (var i = 0; i < cards.length; i++) cards[i].open = value;
  }
  button.addEventListener("click", function () {
    setAll(button.getAttribute("aria-expanded") !== "true");
    sync();
  });
  var before = null;
  window.addEventListener("beforeprint", function () {
    before = [];
    for (var i = 0; i < cards.length; i++) before.push(cards[i].open);
    setAll(true);
  });
  window.addEventListener("afterprint", function () {
    if (!before) return;
    for (var i = 0; i < cards.length; i++) cards[i].open = before[i];
    before = null;
  });
  button.hidden = false;
  sync();
})();
