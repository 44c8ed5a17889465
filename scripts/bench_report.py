"""The benchmark's report (scripts/bench.py): bench/results.md from the figures of bench/results.json."""

from __future__ import annotations


def _cell(value, digits: int | None = None) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "có" if value else "không"
    return str(round(value, digits) if digits is not None else value)


def _kb(value) -> str:
    return "–" if value is None else f"{round(value / 1024, 1)}"


TOOLS = [("cchc", "cổng"), ("cchc_1_job", "cổng, 1 tiến trình"), ("mkdocs_material", "mkdocs-material thuần"),
         ("hugo", "Hugo")]


SPLIT_TOOLS = ("cchc", "cchc_1_job", "mkdocs_material")  # the builds whose CPU is split into user and system


def _ratio(ours: float | None, bare: float | None) -> float | None:
    return round(ours / bare, 2) if ours is not None and bare else None


def cpu_ratio(cold: dict, tool: str) -> float | None:
    """CPU of one way of building over bare mkdocs-material's in the same run: issue #20's target (≤ 1.0)."""
    return _ratio((cold.get(tool) or {}).get("cpu_seconds"), (cold.get("mkdocs_material") or {}).get("cpu_seconds"))


def _user_seconds(entry: dict) -> float | None:
    if entry.get("cpu_seconds") is None or entry.get("system_seconds") is None:
        return None
    return round(entry["cpu_seconds"] - entry["system_seconds"], 1)


def _system_time(sizes: list[dict]) -> list[str]:
    """The cold builds' CPU split into the program's own work and the kernel's, which varies most
    between runs on a shared machine (runs of older commits did not record it: no table)."""
    rows = [row for row in sizes if any("system_seconds" in ((row.get("cold") or {}).get(key) or {})
                                        for key in SPLIT_TOOLS)]
    if not rows:
        return []
    lines = ["CPU của lần dựng đầu, chia phần chương trình (người dùng) và phần nhân Linux (hệ thống: tạo tệp, "
             "thư mục, cấp bộ nhớ), s:", "",
             "| đơn vị | cổng: người dùng | hệ thống | cổng, 1 tiến trình: người dùng | hệ thống | "
             "mkdocs-material thuần: người dùng | hệ thống | người dùng, cổng 1 tiến trình / mkdocs-material |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        cold = row["cold"]
        cells = []
        for key in SPLIT_TOOLS:
            entry = cold.get(key) or {}
            cells += [_cell(_user_seconds(entry)), _cell(entry.get("system_seconds"))]
        ratio = _ratio(_user_seconds(cold.get("cchc_1_job") or {}), _user_seconds(cold.get("mkdocs_material") or {}))
        lines.append(f"| {row['units']} | " + " | ".join(cells) + f" | {_cell(ratio)} |")
    return lines + [""]


def markdown(results: dict, query_count: int) -> str:
    sizes = results["sizes"]
    lines = ["## Dựng lần đầu (không dùng lại gì)", "",
             "| đơn vị | trang | cổng (s) | CPU (s) | cổng, 1 tiến trình (s) | CPU (s) | "
             "mkdocs-material thuần (s) | CPU (s) | Hugo (s) | CPU (s) | cổng / mkdocs-material | "
             "CPU cổng / mkdocs-material | CPU cổng, 1 tiến trình / mkdocs-material | ms/trang | đầu ra (MiB) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in sizes:
        cold = row.get("cold") or {}
        cells = []
        for key, _ in TOOLS:
            entry = cold.get(key) or {}
            cells += [_cell(entry.get("seconds")), _cell(entry.get("cpu_seconds"))]
        lines.append(f"| {row['units']} | {row['pages']} | " + " | ".join(cells)
                     + f" | {row['ratio']} | {_cell(cpu_ratio(cold, 'cchc'))} | {_cell(cpu_ratio(cold, 'cchc_1_job'))}"
                     + f" | {row['ms_per_page']} | {row['output_mib']} |")
    hugo_pages = ", ".join(f"{(row.get('cold') or {}).get('hugo', {}).get('pages')}" for row in sizes
                           if (row.get("cold") or {}).get("hugo"))
    moved = results.get("earlier_outputs") == "moved"  # runs before 2026-12 deleted them
    lines += ["", f"Lần nhanh nhất trong {results['repeat']} lần chạy xen kẽ của mỗi bên; trước mỗi lần, thư mục đầu ra và "
              f"bộ nhớ đệm của lần trước {'được chuyển đi' if moved else 'bị xóa'} (`cchc build --day-du`: mọi trang "
              "dựng lại, không ghi bản nén). "
              f"Cổng dựng bằng số tiến trình mặc định ({results['jobs']}: số lõi, tối đa 4; thêm một tiến trình chỉ khi có từ 1.000 trang cần dựng cho nó), rồi bằng một tiến trình "
              "(CCHC_JOBS=1); mkdocs-material thuần bằng một tiến trình (mkdocs không dựng song song). Hugo dựng cùng các "
              "trang Markdown của bản mkdocs-material thuần với vài mẫu tối giản (không giao diện, không chỉ mục tìm kiếm)"
              + (f"; số trang HTML của Hugo: {hugo_pages}" if hugo_pages else "; máy không có Hugo (sh scripts/install-hugo.sh)")
              + ". Mã của cchc chạy từ bytecode biên dịch sẵn (compileall trước khi đo), như mkdocs và Material đã cài"
              + ("; các mẫu trang Jinja được biên dịch bằng một lần dựng không đo trước các lần đo của mỗi cỡ. "
                 if results.get("templates_compiled_first") else ". ")
              + ("Chuyển đi chứ không xóa: trên hệ tệp của máy đo (ext4 không nhật ký), tạo tệp ngay sau khi hàng "
                 "nghìn tệp vừa bị xóa buộc Linux dò qua từng tệp đó, và lần dựng sau sẽ trả giá cho việc xóa của "
                 "chương trình đo. " if moved else "")
              + "CPU: tổng thời gian CPU của mọi tiến trình. Cổng / mkdocs-material: tỉ lệ thời gian; CPU cổng / "
              "mkdocs-material: tỉ lệ CPU trong cùng lần chạy (mục tiêu của issue #20: không quá 1,0).", ""]
    compiling = [row for row in sizes if ((row.get("cold") or {}).get("cchc_1_job_compiling") or {}).get("cpu_seconds")]
    if compiling:
        lines += ["Cổng, 1 tiến trình, không dùng mẫu trang Jinja đã biên dịch ở lần dựng trước (CCHC_CACHE_DIR rỗng: "
                  "như lần dựng đầu tiên trên một máy; các lần dựng khác giữ chúng như Python giữ tệp .pyc): " + "; ".join(
                      f"{row['units']} đơn vị CPU {_cell(row['cold']['cchc_1_job_compiling']['cpu_seconds'])} s, "
                      f"{_cell(cpu_ratio(row['cold'], 'cchc_1_job_compiling'))} lần mkdocs-material" for row in compiling)
                  + ".", ""]
    compressed = [row for row in sizes if row.get("compress")]
    if compressed:
        lines += ["Bản nén .gz và .br bên cạnh mỗi tệp chữ (`cchc build --nen`; `cchc deploy` ghi vào bản phát hành), "
                  "ghi thêm vào bản dựng trên: " + "; ".join(
                      f"{row['units']} đơn vị {_cell(row['compress']['seconds'])} s, CPU {_cell(row['compress']['cpu_seconds'])} s, "
                      f"đầu ra {row['output_mib']} → {row['compress']['output_mib']} MiB" for row in compressed) + ".", ""]

    lines += _system_time(sizes)
    lines += ["## Sửa một tệp rồi dựng lại (cchc build, dùng lại trang không đổi)", "",
              "| đơn vị | sửa | tệp | thời gian (s) | CPU (s) | trang dựng lại | trang giữ nguyên | trang hiện thay đổi |",
              "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for row in sizes:
        for edit in row.get("warm_edits") or []:
            lines.append(f"| {row['units']} | {edit['label']} | {'`' + edit['file'] + '`' if edit['file'] else '–'} | "
                         f"{_cell(edit['seconds'])} | {_cell(edit['cpu_seconds'])} | {_cell(edit['rendered'])} | "
                         f"{_cell(edit['reused'])} | {_cell(edit['visible'])} |")
    lines += ["", "Sau lần dựng đầu, sửa từng tệp rồi chạy `cchc build`; lần nhanh nhất trong "
              f"{results['repeat']} lượt. Số trang dựng lại và giữ nguyên là dòng `Dựng N trang, giữ nguyên M trang...` "
              "của lệnh. Sửa giao diện làm mọi trang dựng lại.", ""]

    serve_rows = [row for row in sizes if "serve_change_seconds" in row]
    sample = results.get("serve_sample")
    if serve_rows or sample:
        lines += ["## Xem trước (cchc serve): lưu tệp đến khi trang hiện thay đổi", "",
                  "| đơn vị | trang | trang trả lời lần đầu sau (s) | lưu kế hoạch đến khi thấy, trung vị (s) | "
                  "từng lần lưu (s) | dừng sau SIGTERM (s) | tiến trình còn lại |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, pages, entry in ([(str(row["units"]), row["pages"], row) for row in serve_rows]
                                   + ([("trang mẫu", "–", sample)] if sample else [])):
            each = " / ".join(_cell(seconds) for seconds in entry.get("serve_change_each_seconds") or []) or "–"
            lines.append(f"| {name} | {pages} | {_cell(entry['serve_first_answer_seconds'])} | "
                         f"{_cell(entry['serve_change_seconds'])} | {each} | {_cell(entry['serve_stop_seconds'])} | "
                         f"{_cell(entry['serve_left_processes'])} |")
        lines += ["", f"Mỗi lần chạy `cchc serve` lưu kế hoạch {results.get('serve_saves', 1)} lần, cách nhau "
                  f"{results.get('serve_between_saves_seconds', 0)} s (mỗi lần thêm một dấu mới vào một nhiệm vụ); bảng ghi trung vị và "
                  "từng lần (một lần không hiện thì không có trung vị). "
                  "Trang kế hoạch được hỏi (HTTP GET) 50 ms một lần, tối đa 120 s (– là quá hạn). Tiến trình còn lại: "
                  "tiến trình con của `cchc serve` (ghi lại ngay trước khi dừng) hay cùng phiên với nó vẫn chạy 5 s sau "
                  "khi nó dừng.", ""]

    lines += ["## Bộ nhớ đỉnh khi dựng lần đầu (MiB)", "",
              "| đơn vị | trang | " + " | ".join(label for _, label in TOOLS) + " |",
              "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in sizes:
        cold = row.get("cold") or {}
        lines.append(f"| {row['units']} | {row['pages']} | "
                     + " | ".join(_cell((cold.get(key) or {}).get("peak_memory_mib")) for key, _ in TOOLS) + " |")
    lines += ["", "Tổng bộ nhớ của mọi tiến trình cùng lúc (đọc /proc 50 ms một lần), lớn nhất qua các lần chạy.", ""]

    byte_rows = [row for row in sizes if "plan_page_plain_bytes" in row]
    if byte_rows:
        lines += ["## Dung lượng tải về (KB)", "",
                  "| đơn vị | trang | trang KH nặng nhất: không nén | gzip | br | trang chủ trước khi tìm: không nén | "
                  "gzip | br | tìm kiếm lần đầu (lớn nhất): không nén | gzip | br | yêu cầu bên thứ ba |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for row in byte_rows:
            first = [max((row.get(key) or {"": None}).values()) for key in
                     ("search_first_query_plain_bytes", "search_first_query_bytes", "search_first_query_brotli_bytes")]
            values = [row["plan_page_plain_bytes"], row["plan_page_gzip_bytes"], row["plan_page_brotli_bytes"],
                      row.get("home_page_plain_bytes"), row.get("home_page_gzip_bytes"), row.get("home_page_brotli_bytes"),
                      *first]
            lines.append(f"| {row['units']} | {row['pages']} | " + " | ".join(_kb(v) for v in values)
                         + f" | {row.get('third_party_requests', '–')} |")
        lines += ["", "Khi máy chủ gửi tệp như lưu (không nén), hay gửi bản .gz, .br ghi sẵn bên cạnh (`--nen`, `cchc deploy`). Trang KH "
                  "nặng nhất: trang và mọi tệp nó tải. Trang chủ: những gì tải trước khi tìm; tìm kiếm lần đầu: những gì "
                  f"tải thêm từ khi gõ câu tìm đến khi có kết quả, lớn nhất trong {query_count} câu tìm (gzip từng câu bên dưới)."]
        for row in byte_rows:
            detail = ", ".join(f"“{q}” {_kb(b)}" for q, b in row["search_first_query_bytes"].items())
            lines.append(f"Tìm kiếm lần đầu ở {row['pages']} trang (KB gzip): {detail}.")
        lines.append("")
    admin = results.get("admin")
    if admin:
        lines.append(f"Trang quản trị /quan-tri/ (Decap CMS): mở trang tải {admin.get('admin_gzip_kib', '–')} KB gzip "
                     f"qua {admin.get('admin_requests', '–')} yêu cầu (bên thứ ba: {admin.get('admin_third_party_requests', '–')}), "
                     f"{admin['admin_disk_mib']} MiB trên đĩa; trang công khai không tải nó. `npm ci` với bộ nhớ đệm trống: "
                     f"{admin['npm_packages']} gói, tải {admin['npm_download_mib']} MiB, {admin['npm_ci_seconds']} s.")
        lines.append("")
    machine = results["machine"]
    lines.append(f"Máy: {machine['system']}, {machine['cpus']} lõi, Python {machine['python']}; "
                 + ", ".join(f"{k} {v}" for k, v in machine["packages"].items())
                 + f"; {machine.get('chromium') or 'không có Chromium'}; {machine.get('hugo') or 'không có Hugo'}.")
    return "\n".join(lines) + "\n"
