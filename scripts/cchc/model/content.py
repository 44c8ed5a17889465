"""Load the column's posts and the citizens' questions from Markdown with front matter.

Their front matter is checked with the same loader and schema checker as the
plans, and cross-checked against the units and plans in the data.
"""

from __future__ import annotations

import os
import re

from ..source import frontmatter
from ..source.memo import remembered
from ..source.discovery import inside, markdown_files, relative
from ..check.link_schemes import link_problems
from . import markers
from .types import QUESTION_ANSWERED, Cover, Portal, Post, Question
from ..base.problems import Problem, ProblemList
from ..check.schema import check_tree_once

POSTS_DIR = "chuyen-muc/bai-viet"
QUESTIONS_DIR = "hoi-dap/cau-hoi"

_MARKUP = re.compile(r"[#*_`>\[\]()!|-]+")


def count_words(markdown: str) -> int:
    return len(_MARKUP.sub(" ", markdown).split())


def load_content(root: str, docs_dir: str, portal: Portal, problems: list[Problem]) -> int:
    """Adds published posts and questions to `portal`; returns the number of files checked."""
    checked = 0
    for path in markdown_files(docs_dir, POSTS_DIR):
        checked += 1
        post = _load_one(root, docs_dir, path, "bai-viet", problems, _build_post, portal)
        if post is not None and not post.draft:
            portal.posts.append(post)
    for path in markdown_files(docs_dir, QUESTIONS_DIR):
        checked += 1
        question = _load_one(root, docs_dir, path, "hoi-dap", problems, _build_question, portal)
        if question is not None:
            portal.questions.append(question)
    for path in markdown_files(docs_dir, ""):
        src_uri = relative(path, docs_dir)
        if src_uri.startswith((POSTS_DIR + "/", QUESTIONS_DIR + "/")):
            continue  # checked with their front matter
        checked += 1
        shown = relative(path, root)
        file_problems = ProblemList(shown)
        text = frontmatter.read_text(path, file_problems)  # the same encoding rules as posts and data files
        if text is not None:
            link_problems(text, 1, file_problems)
        problems.extend(file_problems)
    portal.posts.sort(key=lambda p: (p.published, p.src_uri), reverse=True)
    portal.questions.sort(key=lambda q: (q.asked, q.src_uri), reverse=True)
    return checked


def _load_one(root, docs_dir, path, schema, problems, build, portal):
    shown = relative(path, root)
    file_problems = ProblemList(shown)
    source = frontmatter.read(path, shown, file_problems)
    result = None
    if source is not None and source.root is not None and not file_problems:
        # A preview's engine reads every file on each save: what depends on a file's text alone is kept.
        checked = check_tree_once(source.root, shown, schema, file_problems)
        if not file_problems:
            result = build(checked, source, relative(path, docs_dir), shown, docs_dir, portal, file_problems)
            result.markers = tuple(markers.content_file(shown, schema, checked, source.head))
    if source is not None:
        remembered(("links", shown, source.body_line), source.body,
                   lambda found: link_problems(source.body, source.body_line, found), file_problems)
    problems.extend(file_problems)
    return result if not any(p.is_error for p in file_problems) else None


def _check_unit(checked, portal: Portal, problems: ProblemList):
    unit_id = checked.value["don_vi"]
    unit = portal.unit(unit_id)
    if unit is None:
        known = ", ".join(u.id for u in portal.units) or "(chưa có đơn vị nào)"
        problems.error(checked.mark(("don_vi",)), f"Không có đơn vị '{unit_id}' trong plans/. Các đơn vị: {known}.")
    return unit


def _build_post(checked, source, src_uri, shown, docs_dir, portal, problems) -> Post:
    data = checked.value
    unit = _check_unit(checked, portal, problems)
    cover = None
    if "anh_bia" in data:
        cover = Cover(data["anh_bia"]["tep"], data["anh_bia"]["mo_ta"])
        found = inside(docs_dir, cover.path)
        if found is None or not os.path.isfile(found):
            problems.error(checked.mark(("anh_bia", "tep")), f"Không thấy ảnh '{cover.path}' trong thư mục content/.")
    post = Post(
        src_uri=src_uri, title=data["tieu_de"], published=data["ngay"], unit_id=data["don_vi"],
        categories=data["chuyen_muc"], agency=data["co_quan"], source_path=shown, tags=data.get("the", []),
        summary=data.get("tom_tat", ""), cover=cover, task_id=data.get("nhiem_vu", ""),
        target_id=data.get("chi_tieu", ""), draft=data.get("ban_nhap", False),
        sample=data.get("noi_dung_mau", False),
        words=remembered(("words", shown), source.body, lambda _found: count_words(source.body)),
    )
    if unit is not None:
        unit.agencies.check(post.agency, checked.mark(("co_quan",)), problems, unit.source_path)
    if unit is not None and (post.task_id or post.target_id):
        plan = next((p for p in unit.plans if p.year == post.published.year), None)
        if plan is None:
            problems.error(checked.mark(("nhiem_vu",) if post.task_id else ("chi_tieu",)),
                           f"Đơn vị '{unit.id}' chưa có kế hoạch năm {post.published.year} để gắn bài viết.")
        else:
            if post.task_id and post.task_id not in {t.id for t in plan.tasks}:
                problems.error(checked.mark(("nhiem_vu",)),
                               f"Kế hoạch năm {plan.year} của '{unit.id}' không có nhiệm vụ '{post.task_id}'.")
            if post.target_id and post.target_id not in {t.id for t in plan.targets}:
                problems.error(checked.mark(("chi_tieu",)),
                               f"Kế hoạch năm {plan.year} của '{unit.id}' không có chỉ tiêu '{post.target_id}'.")
    if not source.body.strip():
        problems.error(source.root.mark if source.root else None, "Bài viết chưa có nội dung sau phần thông tin đầu bài.")
    return post


def _build_question(checked, source, src_uri, shown, docs_dir, portal, problems) -> Question:
    data = checked.value
    unit = _check_unit(checked, portal, problems)
    question = Question(
        src_uri=src_uri, question=data["cau_hoi"], title=data.get("tieu_de") or data["cau_hoi"],
        asked=data["ngay_hoi"], unit_id=data["don_vi"], area=data["linh_vuc"], status=data["trang_thai"],
        source_path=shown, asker=data.get("nguoi_hoi", ""), anonymous=data.get("an_danh", False),
        agency=data.get("co_quan_tra_loi", ""), answered=data.get("ngay_tra_loi"),
        sample=data.get("noi_dung_mau", False),
    )
    if unit is not None and question.agency:
        unit.agencies.check(question.agency, checked.mark(("co_quan_tra_loi",)), problems, unit.source_path)
    if question.status == QUESTION_ANSWERED:
        if question.answered is None:
            problems.error(checked.mark(("trang_thai",)), "Câu hỏi 'đã trả lời' cần có 'ngay_tra_loi'.")
        if not source.body.strip():
            problems.error(checked.mark(("trang_thai",)), "Câu hỏi 'đã trả lời' cần có nội dung trả lời sau dòng '---'.")
        if not question.agency:
            problems.error(checked.mark(("trang_thai",)), "Câu hỏi 'đã trả lời' cần ghi 'co_quan_tra_loi'.")
    elif question.answered is not None:
        problems.error(checked.mark(("ngay_tra_loi",)), "Câu hỏi còn 'chờ trả lời' nhưng đã có ngày trả lời.")
    if question.answered and question.answered < question.asked:
        problems.error(checked.mark(("ngay_tra_loi",)), "Ngày trả lời trước ngày nhận câu hỏi.")
    return question
