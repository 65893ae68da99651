"""Checks the translations of the addon and its bridges (the .po files given, or all
of them): valid for gettext (`msgfmt --check`), complete (no entry untranslated or
fuzzy), in every language of dev/acg_dev/i18n.py for each template, and with the
source's placeholders kept exactly: %(name)s, %s and %%, {name}, QWeb's {{ }} and #{ },
and the HTML tags with their attributes. Standard library and gettext only."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "dev"))

from acg_dev.i18n import LANGUAGES

PLACEHOLDER = re.compile(
    r"%\(\w+\)[sdfr]|%[sdfr%]|\{\{.*?\}\}|#\{.*?\}|\{\w*\}|</?[a-zA-Z][^>]*>"
)
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unquote(line):
    body = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match[1], match[1]), body)


def entries(po):
    """(msgid, msgstr, fuzzy) of each entry but the header."""
    block = {"flags": ""}
    key = None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,"):
            block["flags"] += line
        elif line.startswith(("msgid ", "msgstr ")):
            key = line.split(" ", 1)[0]
            block[key] = unquote(line)
        elif line.startswith('"') and key:
            block[key] += unquote(line)
        elif not line.strip():
            if block.get("msgid"):
                yield block["msgid"], block.get("msgstr", ""), "fuzzy" in block["flags"]
            block, key = {"flags": ""}, None


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def check(po):
    problems = []
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        problems.append(result.stderr.strip())
    for msgid, msgstr, fuzzy in entries(po):
        shown = msgid if len(msgid) < 70 else msgid[:67] + "..."
        if fuzzy or not msgstr:
            problems.append(f"not translated: {shown!r}")
        elif placeholders(msgid) != placeholders(msgstr):
            problems.append(
                f"placeholders differ in {shown!r}: {placeholders(msgid)} in the "
                f"source, {placeholders(msgstr)} in the translation"
            )
    return problems


def main(argv):
    if argv:
        files = [Path(name) for name in argv if name.endswith(".po")]
    else:
        files = sorted(ROOT.glob("i18n/*.po")) + sorted(
            ROOT.glob("bridges/*/i18n/*.po")
        )
    missing = [
        pot.parent / f"{lang}.po"
        for pot in [*ROOT.glob("i18n/*.pot"), *ROOT.glob("bridges/*/i18n/*.pot")]
        for lang in LANGUAGES
        if not (pot.parent / f"{lang}.po").exists()
    ]
    failed = False
    for path in missing:
        print(
            f"{path.relative_to(ROOT)}: missing (python3 dev/runner.py i18n makes it)"
        )
        failed = True
    for po in files:
        problems = check(po)
        for problem in problems[:20]:
            print(f"{po}: {problem}")
        if len(problems) > 20:
            print(f"{po}: and {len(problems) - 20} more")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
