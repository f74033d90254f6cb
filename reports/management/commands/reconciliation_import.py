from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.exchange import FORMATS, ReconciliationRefused, reconciliation_apply, reconciliation_diff


class Command(BaseCommand):
    help = ("Compare a reconciliation file (CSV or JSON) with the database and show the diff; nothing is "
            "applied. Apply it with --apply FINGERPRINT, the fingerprint the diff printed.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=FORMATS, help="default: from the file name's extension")
        parser.add_argument("--apply", metavar="FINGERPRINT",
                            help="apply the diff, if it is still exactly the one with this fingerprint")

    def handle(self, *args, **options):
        path: Path = options["file"]
        file_format = options["format"] or path.suffix.lstrip(".").lower()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from None
        try:
            reconciliation = reconciliation_diff(actor=None, text=text, file_format=file_format, source_name=path.name)
        except ReconciliationRefused as exc:
            raise CommandError(exc.message) from None
        self._show(reconciliation.diff)
        if not options["apply"]:
            if reconciliation.diff["errors"]:
                raise CommandError(f"{len(reconciliation.diff['errors'])} bad line(s); fix them and run again.")
            self.stdout.write(f"Nothing applied. Fingerprint: {reconciliation.fingerprint}\n"
                              f"To apply exactly this diff: manage.py reconciliation_import {path} "
                              f"--apply {reconciliation.fingerprint}")
            return
        try:
            reconciliation_apply(actor=None, reconciliation=reconciliation, fingerprint=options["apply"])
        except ReconciliationRefused as exc:
            raise CommandError(f"Nothing applied: {exc.message}") from None
        summary = reconciliation.diff["summary"]
        self.stdout.write(self.style.SUCCESS(f"Applied: {summary['new']} new, {summary['changed']} changed "
                                             f"({summary['missing']} missing reported, not removed)."))

    def _show(self, diff: dict) -> None:
        summary = diff["summary"]
        self.stdout.write(f"{summary['lines']} line(s): {summary['new']} new, {summary['changed']} changed, "
                          f"{summary['missing']} missing from the file, {summary['errors']} bad")
        for item in diff["errors"]:
            self.stdout.write(f"  line {item['line']}: {item['detail']}")
        for item in diff["new"]:
            self.stdout.write(f"  + line {item['line']}: {item['nip']} {item['nama']} ({item['unit']})")
        for item in diff["changed"]:
            changes = ", ".join(f"{field}: {c['old']!r} -> {c['new']!r}" for field, c in item["changes"].items())
            self.stdout.write(f"  ~ line {item['line']}: {item['nip']} {item['nama']}: {changes}")
        for item in diff["missing"]:
            self.stdout.write(f"  - {item['nip']} {item['nama']} ({item['unit']}): not in the file")
