# Cổng kế hoạch tuyên truyền CCHC: make site (bản xem trước), make cong-bo (bản công bố), make serve (xem trước),
# make test (kiểm thử).
PYTHON ?= python3

.PHONY: site cong-bo serve check test bench browser lock clean

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

## site: kiểm tra toàn bộ dữ liệu rồi dựng bản xem trước vào site/ (chế độ nghiêm ngặt)
site: $(RUNTIME_STAMP)
	$(BIN)/cchc build

## cong-bo: dựng bản công bố vào site/; từ chối khi còn dữ liệu mẫu, nội dung mẫu hay ghi chú CẦN XEM
cong-bo: $(RUNTIME_STAMP)
	$(BIN)/cchc build --cong-bo

## check: chỉ kiểm tra dữ liệu, báo mọi lỗi dạng tệp:dòng:cột
check: $(RUNTIME_STAMP)
	$(BIN)/cchc check

## serve: xem trước tại http://127.0.0.1:8000, tự tải lại khi sửa
serve: $(RUNTIME_STAMP)
	$(BIN)/cchc serve

## test: cài những gì kiểm thử cần (kể cả Chromium của Debian) rồi chạy mọi kiểm thử
test: $(TEST_STAMP) browser
	$(BIN)/python -m pytest

browser:
	@command -v chromium >/dev/null 2>&1 || sh scripts/install-chromium.sh

## bench: đo thời gian dựng, dung lượng trang và chi phí tìm kiếm ở 1, 30, 100 đơn vị (vài phút)
bench: $(TEST_STAMP) browser
	$(BIN)/python scripts/bench.py --sizes 1,30,100 --out bench

## lock: ghi lại phiên bản các gói đang cài vào constraints.txt
lock: $(TEST_STAMP)
	@{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^cchc'; } > constraints.new
	@mv constraints.new constraints.txt

clean:
	rm -rf site .site-build-* .pytest_cache
