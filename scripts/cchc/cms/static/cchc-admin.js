// Trang quản trị của cổng: bổ sung bản dịch tiếng Việt của Decap CMS, đăng nhập GitHub bằng mã
// truy cập (khi không có máy chủ OAuth), rồi khởi động Decap.
(function () {
  "use strict";

  // Những câu Decap chưa dịch sang tiếng Việt, và vài câu dịch chưa đúng nghĩa.
  var completed = {
    auth: {
      loginWithAzure: "Đăng nhập bằng Azure",
      errors: {
        identitySettings: "Không đọc được thiết lập đăng nhập. Hãy kiểm tra dịch vụ Identity và Git Gateway."
      }
    },
    app: { header: { media: "Ảnh, tệp" } },
    collection: {
      sidebar: { collections: "Loại nội dung", allCollections: "Mọi loại nội dung" },
      collectionTop: {
        viewAs: "Xem dạng",
        viewAsList: "Danh sách",
        viewAsGrid: "Lưới",
        groupBy: "Nhóm theo",
        newButton: "＋ Thêm %{collectionLabel}",
        newButtonAriaLabel: "Thêm %{collectionLabel}"
      },
      entries: { cachingEntries: "Đang ghi nhớ...", unpublishedHeader: "Mục chưa đăng" },
      groups: { other: "Khác", negateLabel: "Không %{label}" }
    },
    editor: {
      editorControl: { field: { widgetLabel: "Trường %{widgetLabel}" } },
      editorControlPane: {
        widget: { regexPattern: "%{fieldLabel}: %{pattern}." },
        i18n: {
          writingInLocale: "Đang viết bằng %{locale}",
          copyFromLocale: "Điền từ ngôn ngữ khác",
          copyFromLocaleConfirm: "Điền dữ liệu từ %{locale}?\nMọi nội dung đang có sẽ bị ghi đè."
        }
      },
      editorInterface: {
        toggleI18n: "Bật/tắt đa ngôn ngữ",
        togglePreview: "Bật/tắt xem trước",
        toggleScrollSync: "Cuộn đồng thời",
        toggleNotes: "Bật/tắt ghi chú"
      },
      editorNotesPane: {
        title: "Ghi chú",
        emptyState: "Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới.",
        addNote: "Thêm ghi chú",
        addPlaceholder: "Viết ghi chú...",
        editPlaceholder: "Sửa ghi chú...",
        save: "Lưu",
        cancel: "Hủy",
        edit: "Sửa",
        delete: "Xóa",
        resolve: "Đã xử lý",
        unresolve: "Chưa xử lý",
        confirmDelete: "Xóa ghi chú này?",
        shortcut: "Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh"
      },
      editorToolbar: {
        status: "Trạng thái: %{status}",
        backCollection: " Đang viết trong mục %{collectionLabel}",
        statusInfoTooltipDraft: "Mục đang là bản nháp. Khi viết xong, chuyển sang “Đang xét duyệt” để gửi duyệt.",
        statusInfoTooltipInReview: "Mục đang được xét duyệt, không cần làm gì thêm; vẫn có thể sửa tiếp trong lúc chờ."
      },
      editorWidgets: {
        markdown: {
          bold: "Đậm",
          italic: "Nghiêng",
          strikethrough: "Gạch ngang",
          code: "Mã",
          link: "Liên kết",
          linkPrompt: "Nhập địa chỉ của liên kết",
          headings: "Tiêu đề",
          quote: "Trích dẫn",
          bulletedList: "Danh sách gạch đầu dòng",
          numberedList: "Danh sách đánh số",
          addComponent: "Thêm thành phần",
          toggleMode: { rich: "Chuyển sang soạn thảo thường", markdown: "Chuyển sang Markdown" }
        },
        image: {
          chooseMultiple: "Chọn ảnh",
          chooseUrl: "Chèn từ địa chỉ web",
          replaceUrl: "Thay bằng địa chỉ web",
          promptUrl: "Nhập địa chỉ của ảnh",
          addMore: "Thêm ảnh",
          removeAll: "Gỡ mọi ảnh"
        },
        file: {
          chooseUrl: "Chèn từ địa chỉ web",
          chooseMultiple: "Chọn tệp",
          replaceUrl: "Thay bằng địa chỉ web",
          promptUrl: "Nhập địa chỉ của tệp",
          addMore: "Thêm tệp",
          removeAll: "Gỡ mọi tệp"
        },
        datetime: { now: "Hôm nay", setToNow: "Đặt %{fieldLabel} là hôm nay" },
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở ra", collapse: "Thu gọn" }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: {
        copy: "Sao chép",
        copyUrl: "Sao chép địa chỉ",
        copyPath: "Sao chép đường dẫn",
        copyName: "Sao chép tên",
        copied: "Đã sao chép"
      },
      mediaLibraryModal: { close: "Đóng", mediaAssets: "Ảnh, tệp" }
    },
    ui: {
      errorBoundary: { details: "Đã xảy ra lỗi - hãy ", reportIt: "báo cho nhóm kỹ thuật." },
      settingsDropdown: { account: "Tài khoản" },
      toast: {
        onFailToPersist: "Chưa lưu: %{details}",
        entrySaved: "Đã lưu",
        noteAdded: "Đã thêm ghi chú",
        onFailToAddNote: "Không thêm được ghi chú: %{details}",
        noteUpdated: "Đã sửa ghi chú",
        onFailToUpdateNote: "Không sửa được ghi chú: %{details}",
        noteDeleted: "Đã xóa ghi chú",
        onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
        noteResolved: "Ghi chú đã xử lý",
        noteReopened: "Ghi chú mở lại",
        onFailToToggleNote: "Không đổi được trạng thái ghi chú: %{details}"
      }
    }
  };

  function merge(into, from) {
    Object.keys(from).forEach(function (key) {
      if (from[key] && typeof from[key] === "object") {
        into[key] = merge(into[key] && typeof into[key] === "object" ? into[key] : {}, from[key]);
      } else {
        into[key] = from[key];
      }
    });
    return into;
  }

  var CMS = window.CMS;
  CMS.registerLocale("vi", merge(merge({}, CMS.getLocale("vi") || {}), completed));

  // GitHub: without an OAuth client, a staff member pastes a personal access token once; Decap keeps
  // the same record in this browser's storage as after an OAuth login.
  var STORE = "decap-cms-user";
  var body = document.body;
  if (body.getAttribute("data-cchc-backend") === "github" && !window.localStorage.getItem(STORE)) {
    var form = document.getElementById("cchc-token");
    if (form) {
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var token = form.querySelector("input").value.trim();
        if (!token) { return; }
        window.localStorage.setItem(STORE, JSON.stringify({ token: token, backendName: "github" }));
        window.location.reload();
      });
    }
  }

  // A refused save arrives as "API_ERROR: <the checker's messages>": staff need only the messages.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType === 3) {
          node.nodeValue = node.nodeValue.replace("API_ERROR: ", "");
          return;
        }
        var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          if (walker.currentNode.nodeValue.indexOf("API_ERROR: ") !== -1) {
            walker.currentNode.nodeValue = walker.currentNode.nodeValue.replace("API_ERROR: ", "");
          }
        }
      });
    });
  }).observe(document.body, { childList: true, subtree: true });

  CMS.init();
})();
