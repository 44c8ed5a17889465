"""Where the admin page saves: one place for the settings `cchc build`, `cchc edit` and the page read.

Apart from the form configuration (config.py): a plain build asks only whether an admin page can be
made (cms.notice()), and should not import the schemas and the data model to learn it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

BRANCH = "main"


@dataclass
class Backend:
    """Where the admin saves: the local API of `cchc edit`, or a GitHub repository (pull requests)."""

    local_api: str | None = None  # http://127.0.0.1:8081/api/v1
    github_repo: str | None = None  # owner/name
    github_branch: str = BRANCH
    oauth_url: str | None = None  # an OAuth client for GitHub logins (optional: a token works too)

    @classmethod
    def from_environment(cls) -> "Backend":
        return cls(local_api=os.environ.get("CCHC_EDIT_API") or None,
                   github_repo=os.environ.get("CCHC_CMS_REPO") or None,
                   github_branch=os.environ.get("CCHC_CMS_BRANCH") or BRANCH,
                   oauth_url=os.environ.get("CCHC_CMS_OAUTH_URL") or None)

    @property
    def usable(self) -> bool:
        return bool(self.local_api or self.github_repo)

    def connect_sources(self) -> list[str]:
        """The hosts the admin page talks to, for its Content-Security-Policy."""
        out = []
        if self.local_api:
            parts = self.local_api.split("/")
            out.append("/".join(parts[:3]))
        if self.github_repo:
            out.append("https://api.github.com")
        if self.oauth_url:
            out.append(self.oauth_url.rstrip("/"))
        return out
