"""What a portal is made of, and which files of the cchc repository are not part of one.

Every tracked file of the repository belongs to exactly one of these lists (a test
checks it), so a file added to the repository is either copied into new portals,
rewritten for them, or known to be a sample or part of the tool's own development.
"""

from __future__ import annotations

# Copied as they are into every new portal (folders whole, without caches): the tool, its theme,
# how to install and test it, the GitHub workflow, editor settings, the staff guide page and the
# portal's own test.
TOOL_FILES = (
    ".ci/run",
    ".github/workflows/site.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".vscode/settings.json",
    "Makefile",
    "README.md",
    "constraints.txt",
    "pyproject.toml",
    "package.json",  # the admin (Decap CMS) and `make edit`, at the versions of package-lock.json
    "package-lock.json",
    "scripts/cchc",
    "scripts/install-chromium.sh",
    "scripts/install-import-tools.sh",
    "scripts/install-node.sh",
    "scripts/npm-empty",
    "theme",
    "content/huong-dan.md",
    "tests/test_portal.py",
)
NOT_COPIED = {"__pycache__", ".pytest_cache"}
NOT_COPIED_SUFFIXES = (".pyc", ".egg-info")

# Written for each portal: the repository's own mkdocs.yml with the unit's site name and navigation,
# and a home page about the unit.
SITE_CONFIG = "mkdocs.yml"
HOME_PAGE = "content/index.md"

# The repository's sample units: removed by `cchc init --thay-mau` when their profile is still marked
# `du_lieu_mau: true` (a commune that really is one of them and has replaced the sample data keeps it).
SAMPLE_UNITS = ("binh-giang", "muong-lay", "phu-khuong")
# Sample posts, questions and pages are the content files marked `noi_dung_mau: true`.

# The tool's own development: its test suite and benchmark read the samples. A portal runs its own
# test (tests/test_portal.py) instead.
DEVELOPMENT = ("tests", "bench", "scripts/bench.py", "scripts/bench_baselines.py", "scripts/bench_browser.py", "scripts/bench_data.py", "scripts/bench_proc.py", "scripts/bench_report.py",
               "scripts/bench_serve.py", "scripts/install-hugo.sh",
               "scripts/eval_import.py", "scripts/stress_import.py",
               "scripts/measure_pdf_readers.py")

# The column and the citizens' questions start empty (their pages say so). The folders are made for staff
# to find, with no file in them: every file under content/ must be a publishable kind (check/content_files.py),
# so git will not keep them until the first post or question.
EMPTY_FOLDERS = ("content/chuyen-muc/bai-viet", "content/hoi-dap/cau-hoi")

# What `cchc init` needs to find in the checkout it copies from.
TOOL_SIGNS = ("Makefile", "pyproject.toml", "constraints.txt", "mkdocs.yml", "scripts/cchc/cli.py")
