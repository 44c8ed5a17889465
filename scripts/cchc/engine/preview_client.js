// cchc serve only (never published): reload the page when a new build is ready, or show the
// data problems that keep the last good build on screen. Text is set with textContent: a
// problem quotes staff data, which must never run as markup.
(function () {
  "use strict";
  var STATE = "/__cchc/trang-thai";
  var version = null;
  var panel = null;

  function show(problems) {
    if (!problems.length) {
      if (panel) { panel.remove(); panel = null; }
      return;
    }
    if (!panel) {
      panel = document.createElement("section");
      panel.setAttribute("role", "alert");
      panel.setAttribute("aria-label", "Lỗi dữ liệu");
      var s = panel.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "10000";
      s.maxHeight = "45vh"; s.overflow = "auto"; s.padding = "12px 16px"; s.fontSize = "15px";
      s.background = "#fff4e5"; s.color = "#3d2600"; s.borderTop = "3px solid #b35c00";
      document.body.appendChild(panel);
    }
    panel.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "Dữ liệu có " + problems.length + " lỗi: trang đang hiện bản dựng đúng gần nhất. " +
      "Sửa rồi lưu tệp, trang tự tải lại.";
    panel.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (line) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = line;
      item.appendChild(code);
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  function next() {
    fetch(STATE + (version === null ? "" : "?v=" + version), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (version !== null && state.version !== version && !state.problems.length) {
          location.reload();
          return;
        }
        version = state.version;
        show(state.problems);
        next();
      })
      .catch(function () { setTimeout(next, 1000); });  // the preview restarts: try again
  }

  console.log("cchc: đã bật tự tải lại");
  next();
})();
