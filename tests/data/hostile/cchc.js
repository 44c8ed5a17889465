document.body.innerHTML = "Trang đã bị thay";
