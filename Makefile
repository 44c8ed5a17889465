# Cổng kế hoạch tuyên truyền CCHC: make site (bản xem trước), make cong-bo (bản công bố), make serve (xem trước),
# make test (kiểm thử).
PYTHON ?= python3

.PHONY: site cong-bo serve edit check test bench browser hugo import-tools node lock clean

# Trang quản trị /quan-tri/ (Decap CMS) và máy chủ sửa cục bộ: đúng phiên bản trong package-lock.json.
NODE_STAMP := node_modules/.installed

ifdef CCHC_VENV
# CCHC_VENV=<thư mục .venv có sẵn>: dùng các gói đã cài ở đó, không tạo và không cài gì; mã cchc vẫn là bản
# trong scripts/ của chính thư mục này. Kiểm thử của kho cchc chạy `make site` trong cổng mới tạo theo cách này.
BIN := $(CCHC_VENV)/bin
RUNTIME_STAMP :=
TEST_STAMP :=
export PYTHONPATH := $(CURDIR)/scripts$(if $(PYTHONPATH),:$(PYTHONPATH))
else
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP    := $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	@touch $@

$(TEST_STAMP): $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@
endif

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

## node: cài Node.js (gói Debian) khi máy chưa có; trang quản trị và make edit cần nó
node:
	@command -v npm >/dev/null 2>&1 || sh scripts/install-node.sh

## site: kiểm tra toàn bộ dữ liệu rồi dựng bản xem trước vào site/ (chế độ nghiêm ngặt)
## Máy không có npm vẫn dựng được trang công khai, chỉ thiếu trang quản trị (có thông báo một dòng).
site: $(RUNTIME_STAMP)
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP) || \
	  echo "Không cài được Decap CMS (npm ci): vẫn dựng trang công khai, không có trang quản trị." >&2; fi
	$(BIN)/cchc build

## cong-bo: dựng bản công bố vào site/; từ chối khi còn dữ liệu mẫu, nội dung mẫu hay ghi chú CẦN XEM
cong-bo: $(RUNTIME_STAMP)
	$(BIN)/cchc build --cong-bo

## edit: sửa nội dung bằng biểu mẫu tại http://127.0.0.1:8000/quan-tri/, xem trước ngay
edit: $(RUNTIME_STAMP) node
	@$(MAKE) --no-print-directory $(NODE_STAMP)
	$(BIN)/cchc edit

## check: chỉ kiểm tra dữ liệu, báo mọi lỗi dạng tệp:dòng:cột
check: $(RUNTIME_STAMP)
	$(BIN)/cchc check

## serve: xem trước tại http://127.0.0.1:8000, tự tải lại khi sửa
serve: $(RUNTIME_STAMP)
	$(BIN)/cchc serve

## test: cài những gì kiểm thử cần (Chromium, LibreOffice, Tesseract của Debian; gói npm) rồi chạy mọi kiểm thử
test: $(TEST_STAMP) browser import-tools node
	@$(MAKE) --no-print-directory $(NODE_STAMP)
	$(BIN)/python -m pytest

browser:
	@command -v chromium >/dev/null 2>&1 || sh scripts/install-chromium.sh

## import-tools: LibreOffice (tệp .doc) và Tesseract tiếng Việt (PDF bản quét) cho cchc import
import-tools:
	@sh scripts/install-import-tools.sh

# Hugo (gói Debian): bản đối chứng thứ hai của make bench; không cài được thì phép đo ghi null, không dừng.
hugo:
	@command -v hugo >/dev/null 2>&1 || sh scripts/install-hugo.sh || \
	  echo "Không cài được Hugo: make bench bỏ qua bản đối chứng Hugo." >&2

## bench: đo dựng lần đầu (cổng, cổng một tiến trình, mkdocs-material thuần, Hugo), dựng lại sau khi sửa một tệp,
## cchc serve, bộ nhớ, dung lượng trang và tìm kiếm ở 1, 30, 100 đơn vị (khoảng nửa giờ trên máy 2 lõi)
bench: $(TEST_STAMP) browser hugo
	$(BIN)/python scripts/bench.py --sizes 1,30,100 --out bench

## lock: ghi lại phiên bản các gói đang cài vào constraints.txt
lock: $(TEST_STAMP)
	@{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^cchc'; } > constraints.new
	@mv constraints.new constraints.txt

clean:
	rm -rf site .site-build-* .pytest_cache node_modules
