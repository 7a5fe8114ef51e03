/**
 * The page's only script, inlined: pick the funnel to show, sort tables by a column, and show a
 * chart mark's description (its aria-label) as a tooltip. The charts themselves need no script.
 */
export const REPORT_SCRIPT = `
(function () {
  "use strict";
  var choice = document.getElementById("funnel-choice");
  if (choice) {
    choice.addEventListener("change", function () {
      document.querySelectorAll("[data-funnel]").forEach(function (figure) {
        figure.hidden = figure.getAttribute("data-funnel") !== choice.value;
      });
    });
  }

  function sortValue(cell, numeric) {
    var value = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    return numeric ? Number(value) : value.toLowerCase();
  }
  document.querySelectorAll("table.sortable th button").forEach(function (button) {
    button.addEventListener("click", function () {
      var header = button.closest("th");
      var table = button.closest("table");
      var index = Array.prototype.indexOf.call(header.parentNode.children, header);
      var numeric = button.getAttribute("data-sort") === "number";
      var ascending = header.getAttribute("aria-sort") === "descending" || (!header.hasAttribute("aria-sort") && !numeric);
      table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = sortValue(a.cells[index], numeric), y = sortValue(b.cells[index], numeric);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  var tooltip = document.createElement("div");
  tooltip.id = "chart-tooltip";
  tooltip.setAttribute("role", "status");
  tooltip.hidden = true;
  document.body.appendChild(tooltip);
  document.addEventListener("mousemove", function (event) {
    var mark = event.target instanceof Element ? event.target.closest(".chart-body [role='graphics-symbol'][aria-label]") : null;
    if (!mark) { tooltip.hidden = true; return; }
    tooltip.textContent = mark.getAttribute("aria-label");
    tooltip.hidden = false;
    tooltip.style.left = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = event.clientY + 14 + "px";
  });
})();
`;
