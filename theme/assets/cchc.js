// Filters lists by the values of their items' data attributes: a select named "linh-vuc" keeps the items
// whose data-linh-vuc matches. The form names its list (data-target), its items (data-items, default li)
// and what they are (data-noun, default "câu hỏi"). Without JavaScript every item stays visible.
(function () {
  function apply(form) {
    var list = document.querySelector(form.getAttribute("data-target"));
    if (!list) return;
    var chosen = Array.prototype.filter.call(form.querySelectorAll("select"), function (select) {
      return select.value;
    });
    var shown = 0;
    list.querySelectorAll(form.getAttribute("data-items") || "li").forEach(function (item) {
      var ok = chosen.every(function (select) { return item.getAttribute("data-" + select.name) === select.value; });
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    var count = form.querySelector(".cchc-filter-count");
    if (count) count.textContent = shown + " " + (form.getAttribute("data-noun") || "câu hỏi");
  }
  function initFilters() {
    document.querySelectorAll("form.cchc-filter").forEach(function (form) {
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form);
    });
  }

  // Search: the button joins Material's header; the dialog's code and the index load on first use.
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function initSearch() {
    var box = document.querySelector(".cchc-search");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var root = new URL(box.getAttribute("data-root").replace(/\/?$/, "/"), location.href);
    var button = box.querySelector(".cchc-search-open");
    var dialog = box.querySelector("dialog");
    var header = document.querySelector(".md-header__inner");
    if (header) header.insertBefore(button, header.querySelector(".md-header__option, .md-header__source"));
    box.hidden = false;
    var loading = null;
    function open() {
      if (!dialog.open) dialog.showModal();
      dialog.querySelector("input").focus();
      loading = loading || import(new URL("assets/cchc-search.js", root).href).then(function (module) {
        return module.attach(dialog, root);
      }).catch(function () {
        loading = null;
        dialog.querySelector(".cchc-search-status").textContent = "Không tải được bộ tìm kiếm. Hãy thử lại.";
      });
    }
    button.addEventListener("click", open);
    // An address ending in #tim-kiem (the 404 page links to one) opens search.
    function openFromAddress() {
      if (box.id && location.hash === "#" + box.id) open();
    }
    window.addEventListener("hashchange", openFromAddress);
    dialog.addEventListener("close", function () {
      if (box.id && location.hash === "#" + box.id) history.replaceState(null, "", location.pathname + location.search);
    });
    openFromAddress();
    dialog.querySelector(".cchc-search-close").addEventListener("click", function () { dialog.close(); button.focus(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    // A search field eats the first Escape (it clears itself); the dialog closes on any Escape.
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); dialog.close(); button.focus(); }
    });
    document.addEventListener("keydown", function (event) {
      if ((event.key === "/" || (event.key === "k" && (event.ctrlKey || event.metaKey))) && !typing(event.target)) {
        event.preventDefault();
        open();
      }
    });
  }

  function init() {
    initFilters();
    initSearch();
  }
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
