"""One way to speak to users (issue 20): the REST API's views and the upload service raise no literal text.
Every message an API user reads is an English msgid through gettext (Indonesian from locale/id), so the
same refusal reads in either language; a literal in a `raise` is how a one-language message slips in."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = sorted([*ROOT.glob("api/*.py"), *ROOT.glob("api/views/*.py"), ROOT / "documents/services/upload.py"])


def literal_messages(path: Path) -> list[str]:
    """`raise X("text")`, `raise X(f"text {y}")` and `raise X({"field": "text"})` in this file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        args = list(node.exc.args)
        for arg in list(args):
            if isinstance(arg, ast.Dict):
                args.extend(arg.values)
        for arg in args:
            if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                                                  and " " in arg.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_literal_text_is_raised_to_api_users():
    offenders = [where for path in CHECKED for where in literal_messages(path)]
    assert not offenders, offenders


def test_the_check_sees_a_literal(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text('def f():\n    raise NotFound(f"Dokumen {x} tidak ada.")\n\n'
                      'def g():\n    raise ValidationError({"nip": "NIP salah ketik"})\n\n'
                      'def h():\n    raise NotFound(_("No such document."))\n')
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert literal_messages(sample) == ["views.py:2", "views.py:5"]
    finally:
        ROOT = saved
