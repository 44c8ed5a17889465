// Chạy trước decap-cms.js: Decap chờ cchc-admin.js bổ sung bản dịch tiếng Việt rồi mới khởi động.
window.CMS_MANUAL_INIT = true;
