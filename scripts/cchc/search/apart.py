"""The search index made in a process of its own: the preview's, made while staff go on editing.

In the preview's own process the index's Python work (folding every page's copy, adding the
originals to every fragment) holds Python's lock for long stretches, and the watcher that finds the
next save makes one `stat` per data file, each of which has to win the lock back: at 9,302 files a
scan took 0.03 s alone and up to 7.8 s beside the index. Apart, the index shares only the cores,
and pausing it for a build (index.pause_background) stops its whole process group.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile

from . import index

PREFIX = ".cchc-tim-kiem-"  # the pages' copies handed to the child, beside its output


def build_index_apart(site_dir: str, reduced: dict[str, str]) -> int:
    """index.build_index(site_dir, reduced), run by a child process; raises index.SearchIndexError."""
    with tempfile.NamedTemporaryFile("wb", dir=os.path.dirname(os.path.abspath(site_dir)),
                                     prefix=PREFIX, suffix=".pickle", delete=False) as out:
        pickle.dump(reduced, out, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        command = [sys.executable, "-m", "cchc.search.apart", out.name, site_dir]
        try:
            process = subprocess.Popen(command, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       start_new_session=True)  # its group: the child and its Pagefind
        except OSError as err:
            raise index.SearchIndexError(f"Không chạy được tiến trình tạo chỉ mục tìm kiếm: {err}") from None
        stdout, stderr = index.run_in_background(process)
    finally:
        os.remove(out.name)
    if process.returncode != 0:
        raise index.SearchIndexError(stderr.strip()[-4000:] or f"Tạo chỉ mục tìm kiếm thất bại (mã {process.returncode}).")
    return int(stdout.strip() or 0)


def main(argv: list[str]) -> int:
    reduced_file, site_dir = argv
    with open(reduced_file, "rb") as data:
        reduced = pickle.load(data)  # written a moment ago by our own parent, beside its output
    try:
        print(index.build_index(site_dir, reduced))
    except index.SearchIndexError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
