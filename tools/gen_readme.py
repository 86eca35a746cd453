#!/usr/bin/env python3
"""Write each module's README.rst from its readme/ fragments (OCA layout).

Usage: python3 tools/gen_readme.py [addons/<module> ...]   (default: every module)
"""

import ast
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("HISTORY.md", "Changelog"),
]


def md_to_rst(text):
    """The small Markdown subset our fragments use: lists, bold, code, headings."""
    out = []
    for line in text.splitlines():
        heading = re.match(r"^(#+)\s+(.*)$", line)
        if heading:
            title = heading.group(2)
            out += [title, "~" * len(title)]
            continue
        line = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", line)
        line = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", line)
        out.append(line)
    return "\n".join(out).strip() + "\n"


def generate(module_dir):
    manifest = ast.literal_eval((module_dir / "__manifest__.py").read_text())
    title = manifest["name"]
    parts = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        f"*{manifest.get('summary', '')}*",
        "",
        f"License: {manifest.get('license')} — version {manifest.get('version')}",
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for fname, heading in SECTIONS:
        fragment = module_dir / "readme" / fname
        if not fragment.exists():
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts += [md_to_rst(fragment.read_text()), ""]
    parts += [
        "Credits",
        "=======",
        "",
        f"Authors: {manifest.get('author')}",
        "",
    ]
    (module_dir / "README.rst").write_text("\n".join(parts))


def main(argv):
    dirs = [pathlib.Path(a) for a in argv] or sorted(
        p for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").exists()
    )
    for module_dir in dirs:
        generate(module_dir)
        print(f"wrote {module_dir / 'README.rst'}")


if __name__ == "__main__":
    main(sys.argv[1:])
