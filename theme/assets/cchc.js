// Filters lists such as "Dân hỏi – Cơ quan chức năng trả lời" by area and status.
// Without JavaScript every item stays visible.
(function () {
  function apply(form) {
    var list = document.querySelector(form.getAttribute("data-target"));
    if (!list) return;
    var area = form.elements["linh-vuc"].value;
    var status = form.elements["trang-thai"].value;
    var shown = 0;
    list.querySelectorAll("li").forEach(function (item) {
      var ok = (!area || item.getAttribute("data-linh-vuc") === area) &&
               (!status || item.getAttribute("data-trang-thai") === status);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    var count = form.querySelector(".cchc-filter-count");
    if (count) count.textContent = shown + " câu hỏi";
  }
  function init() {
    document.querySelectorAll("form.cchc-filter").forEach(function (form) {
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form);
    });
  }
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
