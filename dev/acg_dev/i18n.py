"""The `i18n` command: the translation templates and files, refreshed from the code.

The addon and every bridge are installed without demo data, with OCA's addons from
PyPI the bridges depend on, in a throw-away cluster. Odoo's `i18n export` writes each
module's template, `i18n/<module>.pot`; `msgmerge` then brings each language's
`i18n/<lang>.po` up to date with it: new strings come in empty for the translator,
strings gone from the code are dropped, translations kept.
"""

import ast
import subprocess

from .common import (
    BRIDGES_DIR,
    INSTALL,
    MODULE,
    SetupError,
    fresh_log,
    header,
    say,
    show_cmd,
    tail,
)
from .oca import oca_addons_path
from .sandbox import find_odoo_or_say_why, install_modules, odoo_sandbox, write_config

DATABASE = "acg_i18n"
# The languages the addon and its bridges are translated into.
LANGUAGES = ("fr", "de", "es", "it", "nl", "da")


def translated_modules(module_dir):
    """{module name: its folder} of the addon and its bridges."""
    modules = {MODULE: module_dir}
    for manifest in sorted((module_dir / BRIDGES_DIR).glob("*/__manifest__.py")):
        modules[manifest.parent.name] = manifest.parent
    return modules


def bridge_dependencies(module_dir):
    return set().union(
        *(
            ast.literal_eval(manifest.read_text(encoding="utf-8"))["depends"]
            for manifest in (module_dir / BRIDGES_DIR).glob("*/__manifest__.py")
        )
    )


def command_i18n(args):
    odoo = find_odoo_or_say_why()
    if odoo is None:
        return 2
    modules = translated_modules(args.module_dir)
    try:
        with odoo_sandbox(args.module_dir, args.keep) as (work, cluster):
            addons, _oca_dir, oca_names = oca_addons_path(work)
            needed = bridge_dependencies(args.module_dir)
            install = ",".join(
                dict.fromkeys(
                    [
                        *INSTALL.split(","),
                        *(name for name in oca_names if name in needed),
                        *modules,
                    ]
                )
            )
            header(f"Installing {install} in {DATABASE} (no demo data)")
            log = fresh_log(args.module_dir, "odoo-i18n.log")
            install_modules(odoo, work, cluster, DATABASE, install, log, addons)
            export(odoo, work, cluster, addons, modules, log)
    except SetupError as err:
        say(f"*** {err} ***")
        return 1
    return merge(modules)


def export(odoo, work, cluster, addons, modules, log):
    header("Exporting the templates")
    # `i18n export` reads the connection from a config file only.
    config = write_config(
        work / "odoo-i18n.conf", odoo, work, cluster, addons, logfile=log
    )
    command = [
        *map(str, odoo.command),
        "i18n",
        "export",
        "-c",
        str(config),
        "-d",
        DATABASE,
        *modules,
    ]
    show_cmd(command)
    if subprocess.run(command, cwd=work, check=False).returncode:
        tail(log)
        raise SetupError(f"exporting the templates failed; log: {log}")
    for name, folder in modules.items():
        pot = folder / "i18n" / f"{name}.pot"
        drop_foreign_strings(pot, name)
        say(f"{pot}: {entries(pot)} strings")


def drop_foreign_strings(pot, module):
    """Odoo takes the strings of every Python file under a module's folder, and the
    addon's folder holds the bridges (each translated as a module of its own), the
    tests and the tooling (never shown to a user) and the runner's work files (a
    kept database's link back to the addon): their strings are left out of its
    template."""
    foreign = tuple(
        f"code:addons/{module}/{folder}/"
        for folder in (BRIDGES_DIR, "tests", "dev", "bench", ".runner")
    )
    kept = []
    for block in pot.read_text(encoding="utf-8").split("\n\n"):
        lines = block.splitlines()
        own = [
            line
            for line in lines
            if not (line.startswith("#: ") and line[3:].startswith(foreign))
        ]
        had_references = any(line.startswith("#: ") for line in lines)
        if had_references and not any(line.startswith("#: ") for line in own):
            continue
        kept.append("\n".join(own))
    pot.write_text("\n\n".join(kept), encoding="utf-8")


def entries(path):
    return (
        sum(
            1
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("msgid ")
        )
        - 1
    )  # the header


def merge(modules):
    header(f"Merging the templates into the {', '.join(LANGUAGES)} translations")
    failed = False
    for name, folder in modules.items():
        pot = folder / "i18n" / f"{name}.pot"
        for lang in LANGUAGES:
            po = folder / "i18n" / f"{lang}.po"
            if not po.exists():
                command = ["msginit", "--no-translator", "--no-wrap", "-l", lang]
                command += ["-i", str(pot), "-o", str(po)]
            else:
                command = ["msgmerge", "--quiet", "--update", "--backup=none"]
                command += ["--no-fuzzy-matching", "--no-wrap", str(po), str(pot)]
            if subprocess.run(command, check=False).returncode:
                say(f"*** {' '.join(command)} failed ***")
                failed = True
                continue
            untranslated = untranslated_count(po)
            if untranslated:
                say(f"{po}: {untranslated} strings to translate")
    return 1 if failed else 0


def untranslated_count(po):
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    # "12 translated messages, 3 untranslated messages."
    words = result.stderr.replace(",", "").split()
    return sum(
        int(words[index - 1])
        for index, word in enumerate(words)
        if word in ("untranslated", "fuzzy") and index
    )
