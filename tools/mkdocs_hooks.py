"""MkDocs hooks: add the generated pages and fill the generated parts of hand-written pages.

Configured in ``mkdocs.yml`` (``hooks:``). The pages come from :mod:`tools.docs_pages`, computed
from the rule catalogue at build time, so they cannot drift from the code and are not in git.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import docs_pages  # noqa: E402


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add every generated page (a hand-written file of the same path is an error)."""
    for path, markdown in docs_pages.pages().items():
        if files.get_file_from_path(path) is not None:
            raise ValueError(f"docs/{path} is generated; delete the hand-written copy")
        files.append(File.generated(config, path, content=markdown))
    changelog = ROOT / "CHANGELOG.md"
    files.append(File.generated(config, "changelog.md", content=changelog.read_text("utf-8")))
    return files


def on_page_markdown(markdown: str, *, page: Page, **_: Any) -> str:
    """Replace the generation markers of a hand-written page (``docs/provenance.md``)."""
    return docs_pages.fill_markers(markdown)
