# Cổng kế hoạch tuyên truyền CCHC: make site (dựng trang), make serve (xem trước), make test (kiểm thử).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP    := $(VENV)/.installed-test

.PHONY: site serve check test bench browser import-tools lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	@touch $@

$(TEST_STAMP): $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

## site: kiểm tra toàn bộ dữ liệu rồi dựng trang vào site/ (chế độ nghiêm ngặt)
site: $(RUNTIME_STAMP)
	$(BIN)/cchc build

## check: chỉ kiểm tra dữ liệu, báo mọi lỗi dạng tệp:dòng:cột
check: $(RUNTIME_STAMP)
	$(BIN)/cchc check

## serve: xem trước tại http://127.0.0.1:8000, tự tải lại khi sửa
serve: $(RUNTIME_STAMP)
	$(BIN)/cchc serve

## test: cài những gì kiểm thử cần (Chromium, LibreOffice, Tesseract của Debian) rồi chạy mọi kiểm thử
test: $(TEST_STAMP) browser import-tools
	$(BIN)/python -m pytest

browser:
	@command -v chromium >/dev/null 2>&1 || sh scripts/install-chromium.sh

## import-tools: LibreOffice (tệp .doc) và Tesseract tiếng Việt (PDF bản quét) cho cchc import
import-tools:
	@sh scripts/install-import-tools.sh

## bench: đo thời gian dựng, dung lượng trang và chi phí tìm kiếm ở 1, 30, 100 đơn vị (vài phút)
bench: $(TEST_STAMP) browser
	$(BIN)/python scripts/bench.py --sizes 1,30,100 --out bench

## lock: ghi lại phiên bản các gói đang cài vào constraints.txt
lock: $(TEST_STAMP)
	@{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^cchc'; } > constraints.new
	@mv constraints.new constraints.txt

clean:
	rm -rf site .site-build-* .pytest_cache
