import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from people.models import Role
from people.services.employees import user_create


class Command(BaseCommand):
    help = "Create a login: an employee (with --nip), a fasilitator (with --unit …) or an administrator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--nip", help="the employee this login is (role employee)")
        parser.add_argument("--unit", action="append", default=[], dest="units", metavar="CODE",
                            help="a unit kerja code the fasilitator serves; repeat for more")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    def handle(self, *args, **options):
        if not options["password_stdin"]:
            raise CommandError("Give the password on standard input with --password-stdin.")
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise CommandError("No password on standard input.")
        try:
            user_create(username=options["username"], password=password, role=options["role"],
                        nip=options["nip"], unit_codes=options["units"], email=options["email"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"User {options['username']} created as {options['role']}."))
