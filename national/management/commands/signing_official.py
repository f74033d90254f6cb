"""Set up a signing official and the decree types they sign:

    manage.py signing_official --name "Dr. H. Ahmad Fauzi, M.Si." --title "Kepala Badan Kepegawaian Daerah" \\
        --nip 197001152000031001 --nik 3578011501700001 --backend bsre --user kepala.bkd \\
        --templates sk_kenaikan_pangkat,kgb [--certificate official.pem]

Run again with the same NIP (or name) to change them; the templates named move to this official."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.services.audit import audit_record
from national.models import DecreeSigner, SigningOfficial
from signing.templates import load_templates


class Command(BaseCommand):
    help = "Create or update a signing official (Kepala BKD, Sekda, Gubernur) and the decree types they sign."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--title", required=True)
        parser.add_argument("--nip", default="")
        parser.add_argument("--nik", default="")
        parser.add_argument("--backend", choices=[c for c, _ in SigningOfficial.Backend.choices], default="server")
        parser.add_argument("--user", default="", help="the login that signs as this official")
        parser.add_argument("--templates", default="", help="comma-separated template codes")
        parser.add_argument("--certificate", default="", help="PEM file of the official's certificate")

    def handle(self, *args, **options):
        templates = [t.strip() for t in options["templates"].split(",") if t.strip()]
        unknown = sorted(set(templates) - set(load_templates()) - {"laporan_triwulan"})
        if unknown:
            raise CommandError(f"unknown template(s): {', '.join(unknown)}")
        if options["backend"] == "bsre" and not options["nik"]:
            raise CommandError("a BSrE official needs --nik")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no login {options['user']!r}")
        values = {"name": options["name"], "title": options["title"], "nip": options["nip"], "nik": options["nik"],
                  "backend": options["backend"], "user": user, "active": True}
        if options["certificate"]:
            values["certificate"] = Path(options["certificate"]).read_text()
        with transaction.atomic():
            key = {"nip": options["nip"]} if options["nip"] else {"name": options["name"]}
            official, created = SigningOfficial.objects.update_or_create(**key, defaults=values)
            for template in templates:
                DecreeSigner.objects.update_or_create(template=template, defaults={"official": official})
            audit_record(actor=None, action="signing.official", target=f"official:{official.pk}",
                         details={"name": official.name, "backend": official.backend, "templates": templates})
        self.stdout.write(f"{'created' if created else 'updated'} {official} signing {', '.join(templates) or '-'}")
