(function () {
  "use strict";
  // Shows, under a document's text, the checks a clicked figure takes part in. It only clones
  // elements the report already holds and sets textContent: no HTML is ever parsed here.
  function show(mark) {
    var section = mark.closest("section.doc");
    if (!section) { return; }
    var panel = section.querySelector(".panel");
    var id = mark.getAttribute("data-quantity-id");
    var previous = section.querySelectorAll("mark.q.selected");
    for (var i = 0; i < previous.length; i++) { previous[i].classList.remove("selected"); }
    mark.classList.add("selected");
    panel.replaceChildren();
    var title = document.createElement("h4");
    title.textContent = "Figure " + mark.textContent + " (" + id + "): " +
      mark.getAttribute("data-verdict").replace("_", " ");
    panel.appendChild(title);
    var checks = section.querySelectorAll("ol.checks > li.check");
    var found = 0;
    for (var j = 0; j < checks.length; j++) {
      var ids = (checks[j].getAttribute("data-quantities") || "").split(" ");
      if (ids.indexOf(id) >= 0) {
        var copy = checks[j].cloneNode(true);
        copy.removeAttribute("id");
        var list = panel.querySelector("ol") || panel.appendChild(document.createElement("ol"));
        list.appendChild(copy);
        found++;
      }
    }
    if (!found) {
      var none = document.createElement("p");
      none.textContent = "This figure takes part in no check.";
      panel.appendChild(none);
    }
    panel.hidden = false;
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark[data-quantity-id]") : null;
    if (mark) { show(mark); }
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest ? event.target.closest("mark[data-quantity-id]") : null;
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(mark); }
  });
})();
