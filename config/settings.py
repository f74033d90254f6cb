"""Django settings, read from the environment.

With no variables set the product runs on its embedded default: SQLite, a local
object folder and in-process (eager) Celery, all state under DATA_DIR (./var).
Production parts are switched on by DATABASE_URL, CELERY_BROKER_URL, S3_*,
ELASTICSEARCH_URL.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment; the embedded default keeps one under DATA_DIR."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served by us: no CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "archive",
    "people",
    "documents",
    "issuing",
    "desk",
    "notifications",
    "accounts",
    "search",
    "api",
    "reports",
    "intake",
    "national",
    "governance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "archive.middleware.ChosenLanguageMiddleware",  # issue 18: Indonesian unless the user chose English
    "archive.middleware.PlainNotFoundMiddleware",  # issue 18: the site's 404 page under DEBUG too
    "django.middleware.common.CommonMiddleware",
    "archive.input_guard.InputGuardMiddleware",  # issue 22: NUL bytes refused before any view
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # issue 10: CSP on every answer, login lockout, the audit of reads of personal data
    "archive.middleware.ContentSecurityPolicyMiddleware",
    "archive.middleware.LoginLockoutMiddleware",
    "archive.middleware.AuditReadsMiddleware",
    # issue 17: old sessions end, two-factor before anything else, read-only accounts do not write
    "accounts.middleware.AccountSessionMiddleware",
]
AUTHENTICATION_BACKENDS = ["accounts.backends.UsernameOrNipBackend"]  # username or NIP, NFKC

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "archive.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite under DATA_DIR unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'berkas.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout so the web process and in-process tasks don't trip over each other.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Language: Indonesian first, English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LIST_PAGE_SIZE = int(os.environ.get("LIST_PAGE_SIZE", "25"))  # rows a page on every list page (issue 18)
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # the header's choice is remembered for a year (pages ignore Accept-Language)
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve straight from the source folders; no collectstatic step needed
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").exists() else []

# --- Object storage: S3 (MinIO/SeaweedFS) when S3_ENDPOINT is set, else a local folder.
S3_ENDPOINT = os.environ.get("S3_ENDPOINT", "")
S3_ACCESS_KEY = os.environ.get("S3_ACCESS_KEY", "")
S3_SECRET_KEY = os.environ.get("S3_SECRET_KEY", "")
S3_BUCKET = os.environ.get("S3_BUCKET", "berkas-asn")
S3_SECURE = env_bool("S3_SECURE", False)
S3_REGION = os.environ.get("S3_REGION", "") or None

# --- Uploads
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(25 * 1024 * 1024)))
# Let Django stream large uploads to disk instead of memory; our own limit is checked in the view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

# --- Search
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "elasticsearch" if ELASTICSEARCH_URL else "database")
# Counts are exact up to this many matches, then "more than" (Elasticsearch's track_total_hits).
SEARCH_TRACK_TOTAL_HITS = int(os.environ.get("SEARCH_TRACK_TOTAL_HITS", "10000"))
# PostgreSQL ranks the newest this-many matches by relevance (all of them when there are fewer).
SEARCH_RANK_CANDIDATES = int(os.environ.get("SEARCH_RANK_CANDIDATES", "200"))

# --- Celery: eager (in-process) unless a broker is configured.
from celery.schedules import crontab  # noqa: E402  (the beat schedule below)

CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "documents.tasks.process_document": {"queue": "ocr"},
    "documents.tasks.read_page": {"queue": "ocr"},
    "documents.tasks.finish_reading": {"queue": "ocr"},
    # a scanned stack and everything it files wait on their own queue, which the workers take turns
    # with `ocr`: one uploader's 300 pages never hold up everyone else's single scans
    "intake.tasks.process_intake_batch": {"queue": "intake"},
    "documents.tasks.index_document": {"queue": "index"},
    "issuing.tasks.index_issued_document": {"queue": "index"},
    "issuing.tasks.index_issued_documents": {"queue": "index"},
    "people.tasks.index_employee_documents": {"queue": "index"},
    "issuing.tasks.issue_batch_item": {"queue": "signing"},
    "issuing.tasks.issue_batch_items": {"queue": "signing"},
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A task whose worker died unacknowledged is redelivered after this long.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600")),
    # Several deployments (or test sessions) can share one Redis without seeing each other's queues.
    "global_keyprefix": os.environ.get("CELERY_KEY_PREFIX", ""),
}
CELERY_TASK_IGNORE_RESULT = True
# The pages of a long document are read by one task each and joined by a chord, which needs a result
# backend: the broker's Redis unless set apart (the embedded default runs chords in process, no backend).
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else None)
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"]}
CELERY_RESULT_EXPIRES = 6 * 3600  # a page's result only has to live until its document is joined
# Publishing gives up quickly when the broker is down (the upload is stored anyway; see resume_processing).
CELERY_BROKER_CONNECTION_TIMEOUT = float(os.environ.get("CELERY_BROKER_CONNECTION_TIMEOUT", "2"))
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}

# Backups (manage.py backup): the embedded default's signing keys are kept in them only encrypted with this.
BACKUP_PASSPHRASE = os.environ.get("BACKUP_PASSPHRASE", "")
# BACKUP_DIR set: a backup every night, rotated, each one test-restored into a scratch database.
BACKUP_DIR = os.environ.get("BACKUP_DIR", "")
BACKUP_KEEP_DAILY = int(os.environ.get("BACKUP_KEEP_DAILY", "7"))
BACKUP_KEEP_WEEKLY = int(os.environ.get("BACKUP_KEEP_WEEKLY", "4"))
BACKUP_KEEP_MONTHLY = int(os.environ.get("BACKUP_KEEP_MONTHLY", "12"))
# A second S3 target (another server) that receives a copy of every nightly backup.
BACKUP_S3_ENDPOINT = os.environ.get("BACKUP_S3_ENDPOINT", "")
BACKUP_S3_ACCESS_KEY = os.environ.get("BACKUP_S3_ACCESS_KEY", "")
BACKUP_S3_SECRET_KEY = os.environ.get("BACKUP_S3_SECRET_KEY", "")
BACKUP_S3_BUCKET = os.environ.get("BACKUP_S3_BUCKET", "berkas-asn-backup")
BACKUP_S3_SECURE = os.environ.get("BACKUP_S3_SECURE", "0") == "1"

# --- Paper intake: scanned stacks (intake/)
INTAKE_MAX_BYTES = int(os.environ.get("INTAKE_MAX_BYTES", str(500 * 1024 * 1024)))
INTAKE_AUTO_FILE_CONFIDENCE = float(os.environ.get("INTAKE_AUTO_FILE_CONFIDENCE", "0.8"))
INTAKE_DIR = os.environ.get("INTAKE_DIR", "")  # the scanners' drop folder; empty: none
INTAKE_USER = os.environ.get("INTAKE_USER", "")  # whose scope the drop folder's stacks are filed in

# --- Scheduled duties: run by Celery beat in production (`make beat`), and by
# `manage.py run_scheduler` (in process, tasks eager) on the embedded default (`make run`).
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "resume-stuck-processing": {"task": "documents.tasks.resume_stuck_processing",
                                "schedule": crontab(minute="*/5")},
    # Statuses recorded with a later date (a pensiun TMT) take effect just after midnight, local time.
    # A number reserved by a process that stopped before recording its document is marked void.
    "void-stale-reservations": {"task": "issuing.tasks.void_stale_reservations",
                                "schedule": crontab(minute="*/10")},
    "apply-status-changes": {"task": "people.tasks.apply_status_changes",
                             "schedule": crontab(hour=0, minute=5)},
    "weekly-digests": {"task": "notifications.tasks.send_weekly_digests",
                       "schedule": crontab(hour=6, minute=0, day_of_week="mon")},
    "weekly-integrity": {"task": "documents.tasks.check_integrity",
                         "schedule": crontab(hour=2, minute=0, day_of_week="sun")},
    "nightly-backup": {"task": "archive.tasks.nightly_backup", "schedule": crontab(hour=1, minute=30)},
    "intake-drop-folder": {"task": "intake.tasks.scan_intake_folder", "schedule": crontab(minute="*")},
    "retrain-intake-classifier": {"task": "intake.tasks.retrain_intake_classifier",
                                  "schedule": crontab(hour=3, minute=0)},
    # Retention (issue 25): records whose retention ended are listed for an administrator's decision.
    "retention-review": {"task": "governance.tasks.review_retention", "schedule": crontab(hour=4, minute=0)},
    # Staff logins unused for ACCOUNT_DORMANT_DAYS are deactivated (accounts.services.dormant).
    "dormant-accounts": {"task": "accounts.tasks.deactivate_dormant_accounts",
                         "schedule": crontab(hour=0, minute=30)},
    "quarterly-report": {"task": "reports.tasks.issue_closed_quarter_report",
                         "schedule": crontab(hour=7, minute=0, day_of_month=1, month_of_year="1,4,7,10")},
}

# --- Issued documents: signing and the public verify page
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# "test-pki": the embedded default, a test PKI under DATA_DIR/pki with its TSA/OCSP on loopback.
# "pkcs12" or "pkcs11": production keys, with the TSA and trust roots below.
DOCUMENT_SIGNER_BACKEND = os.environ.get("DOCUMENT_SIGNER_BACKEND", "test-pki")
SIGNING_PKI_DIR = os.environ.get("SIGNING_PKI_DIR", "")  # default DATA_DIR/pki
SIGNING_TSA_URL = os.environ.get("SIGNING_TSA_URL", "")
SIGNING_TRUST_ROOTS = env_list("SIGNING_TRUST_ROOTS")  # certificate files (PEM/DER)
SIGNING_OTHER_CERTS = env_list("SIGNING_OTHER_CERTS")  # intermediates for path building
SIGNING_PKCS12_PATH = os.environ.get("SIGNING_PKCS12_PATH", "")
SIGNING_PKCS12_PASSPHRASE = os.environ.get("SIGNING_PKCS12_PASSPHRASE", "")
SIGNING_PKCS11_MODULE = os.environ.get("SIGNING_PKCS11_MODULE", "/usr/lib/softhsm/libsofthsm2.so")
SIGNING_PKCS11_TOKEN_LABEL = os.environ.get("SIGNING_PKCS11_TOKEN_LABEL", "")
SIGNING_PKCS11_PIN = os.environ.get("SIGNING_PKCS11_PIN", "")
SIGNING_PKCS11_KEY_LABEL = os.environ.get("SIGNING_PKCS11_KEY_LABEL", "")
SIGNING_PKCS11_CERT_PATH = os.environ.get("SIGNING_PKCS11_CERT_PATH", "")
SIGNING_OFFICIAL_NAME = os.environ.get("SIGNING_OFFICIAL_NAME", "")  # the person printed on the stamp
# A reserved document number whose document was not recorded within this time is marked void (the
# issuing process stopped between reserving and recording); see issuing.services.numbering.
RESERVATION_TIMEOUT_SECONDS = int(os.environ.get("RESERVATION_TIMEOUT_SECONDS", "900"))
# Signatures in flight per worker process in bulk issuing. Each waits on two TSA round trips, so a
# worker issues at most SIGNING_IN_FLIGHT / (2 x TSA round trip) documents a second. Measured on 2 cores
# (bench/issuing_bench.py --tsa-latency-ms 100): 4 in flight 26 docs/s, 8 in flight 35, 16 in flight 37;
# with the TSA on loopback all three alike. Each in flight is one concurrent request at the TSA: 8 is
# the default, lower it if the TSA's operator asks, raise it for a TSA further away.
SIGNING_IN_FLIGHT = max(1, int(os.environ.get("SIGNING_IN_FLIGHT", "8")))
# BSrE (BSSN's e-sign client service): DOCUMENT_SIGNER_BACKEND=bsre, or per signing official (national/).
# The official's NIK and passphrase are typed at signing time, never configured or stored.
BSRE_URL = os.environ.get("BSRE_URL", "").rstrip("/")
BSRE_USERNAME = os.environ.get("BSRE_USERNAME", "")  # the application's HTTP Basic account at the service
BSRE_PASSWORD = os.environ.get("BSRE_PASSWORD", "")
BSRE_CONNECT_TIMEOUT = float(os.environ.get("BSRE_CONNECT_TIMEOUT", "5"))
BSRE_READ_TIMEOUT = float(os.environ.get("BSRE_READ_TIMEOUT", "60"))
BSRE_RETRIES = int(os.environ.get("BSRE_RETRIES", "2"))  # after network errors/timeouts/5xx, never a refusal
BSRE_APPEARANCE = os.environ.get("BSRE_APPEARANCE", "visible")  # visible | invisible
BSRE_CA_BUNDLE = os.environ.get("BSRE_CA_BUNDLE", "")
# SI-ASN (BKN) web service: OAuth2 client credentials; pulls into the reconciliation diff (national/).
SIASN_URL = os.environ.get("SIASN_URL", "").rstrip("/")
SIASN_TOKEN_URL = os.environ.get("SIASN_TOKEN_URL", "")  # default {SIASN_URL}/oauth2/token
SIASN_CLIENT_ID = os.environ.get("SIASN_CLIENT_ID", "")
SIASN_CLIENT_SECRET = os.environ.get("SIASN_CLIENT_SECRET", "")
SIASN_TIMEOUT = float(os.environ.get("SIASN_TIMEOUT", "20"))
SIASN_RETRIES = int(os.environ.get("SIASN_RETRIES", "2"))
SIASN_REQUESTS_PER_SECOND = float(os.environ.get("SIASN_REQUESTS_PER_SECOND", "5"))
VERIFY_MAX_BYTES = int(os.environ.get("VERIFY_MAX_BYTES", str(25 * 1024 * 1024)))

# --- OCR
# Tesseract gets one OpenMP thread per process: its own threading is ~3x slower on our
# 2-core machines, and we parallelise with worker processes instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
OCR_LANGUAGES = os.environ.get("OCR_LANGUAGES", "ind+eng")
OCR_MAX_PAGES = int(os.environ.get("OCR_MAX_PAGES", "50"))
# Documents with at least this many pages are read one task per page (in parallel across the workers)
# and joined at the end; shorter ones in a single task. 0: always a single task.
OCR_PAGE_TASKS_FROM = int(os.environ.get("OCR_PAGE_TASKS_FROM", "2"))
# The first year whose annual leave this system holds; nothing is carried over from the years before it
# (their leave is not known here). Unset: the year of the first annual leave recorded.
LEAVE_RECORDS_SINCE_YEAR = int(os.environ.get("LEAVE_RECORDS_SINCE_YEAR") or 0) or None

# Images decoded at once per web process, and how long a request waits for a free slot (issue 22).
IMAGE_WORK_CONCURRENCY = int(os.environ.get("IMAGE_WORK_CONCURRENCY", "1"))
IMAGE_WORK_WAIT_SECONDS = float(os.environ.get("IMAGE_WORK_WAIT_SECONDS", "15"))

# The cache holds rate-limit counters: give every web process the same one in production
# (CACHE_URL=redis://…); the embedded default keeps them per process.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
          if CACHE_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- REST framework
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "api.schema.BerkasAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("ANON_THROTTLE_RATE", "60/minute"),
                               "statistics": os.environ.get("STATISTICS_THROTTLE_RATE", "120/minute"),
                               # issue 22: image decoding per user (documents/image_work.py)
                               "page_detection": os.environ.get("PAGE_DETECTION_RATE", "30/minute"),
                               "page_image": os.environ.get("PAGE_IMAGE_RATE", "300/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Berkas ASN API",
    "DESCRIPTION": "Arsip digital berkas kepegawaian ASN (v1).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # issue 22: every operation documents its error answers (api/schema.py)
    "COMPONENT_SPLIT_REQUEST": True,  # request bodies as sent: a file is binary, not a URL
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_error_responses"],
    "ENUM_NAME_OVERRIDES": {"ReconciliationStatusEnum": "reports.models.ReconciliationImport.Status",
                            "IssuedDocumentStatusEnum": "issuing.models.IssuedDocument.Status",
                            "DocumentStatusEnum": "documents.models.DocumentStatus",
                            "EmploymentStatusEnum": "people.models.EmploymentStatus",
                            "StatisticsReleaseStatusEnum": "governance.models.StatisticsRelease.Status",
                            "DataRequestStatusEnum": "governance.models.DataRequest.Status",
                            "IncidentStatusEnum": "governance.models.Incident.Status",
                            "RetentionDecisionEnum": "governance.models.RetentionItem.Decision",
                            "RetentionChoiceEnum": [("keep", "keep"), ("destroy", "destroy")],
                            "PositionKindEnum": "governance.models.Position.Kind",
                            "VerificationDecisionEnum": "documents.models.VerificationDecision.Decision",
                            "HolidayKindEnum": "people.models.Holiday.Kind"},
}

# --- Security defaults; production (HTTPS=1, behind TLS) turns on HTTPS-only cookies, redirects and HSTS.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG and HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A session ends after this long without a request (every request renews it).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load-balancer probes over plain HTTP
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_TLS_PROXY", False):  # only when the proxy strips a client-sent X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI (served from drf-spectacular-sidecar, no CDN) starts with an inline script.
CONTENT_SECURITY_POLICY_API_DOCS = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
# Login lockout: this many failures for one username from one address within the window lock it
# for LOGIN_LOCKOUT_MINUTES after the last failure (web form and API token alike).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = float(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
# ... and this many failures from one address (any accounts) lock that address the same way (issue 17).
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))

# --- Accounts and access (issue 17; docs/accounts.md)
# API tokens expire this many days after login; only their hash is stored.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "30"))
# Administrators must use TOTP two-factor (web and API token login); anyone may turn it on for themself.
OTP_REQUIRED_FOR_ADMINISTRATORS = env_bool("OTP_REQUIRED_FOR_ADMINISTRATORS", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Berkas ASN")
# The access review marks accounts with no login for this many days, and is due again this many days after
# the last sign-off (quarterly).
ACCESS_REVIEW_UNUSED_DAYS = int(os.environ.get("ACCESS_REVIEW_UNUSED_DAYS", "90"))
ACCESS_REVIEW_EVERY_DAYS = int(os.environ.get("ACCESS_REVIEW_EVERY_DAYS", "92"))
# A fasilitator's or administrator's login unused this many days is deactivated by a daily duty (0: never).
ACCOUNT_DORMANT_DAYS = int(os.environ.get("ACCOUNT_DORMANT_DAYS", "90"))
# A link confirming a change of one's own email or phone is valid this many hours.
CONTACT_CHANGE_HOURS = int(os.environ.get("CONTACT_CHANGE_HOURS", "24"))
# Documents stuck in received/processing longer than this are re-enqueued by `manage.py resume_processing`.
RESUME_PROCESSING_AFTER_MINUTES = int(os.environ.get("RESUME_PROCESSING_AFTER_MINUTES", "15"))

# --- Email: password reset links and notifications (issues 8, 10).
# With EMAIL_HOST set, mail goes out over SMTP; the embedded default writes each message as a file
# under DATA_DIR/outbox (read them there during `make run`). EMAIL_BACKEND overrides either.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS (port 465)
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "outbox"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Berkas ASN <noreply@berkas-asn.invalid>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[Berkas ASN] "
# Notifications of these kinds are also emailed to a recipient who has an address (EMAIL_NOTIFICATIONS=0: none).
EMAIL_NOTIFICATIONS = env_bool("EMAIL_NOTIFICATIONS", True)
EMAIL_NOTIFICATION_KINDS = env_list(
    "EMAIL_NOTIFICATION_KINDS",
    "document.needs_rescan,document.verified,document.rejected,document.not_authentic,"
    "service_request.approved,service_request.returned,service_request.completed,data_update.approved,"
    "data_update.returned,digest.weekly,integrity.failed,report.quarterly")
# A reset link is valid this long (seconds) and only once; at most this many reset emails per account per hour.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(60 * 60)))
PASSWORD_RESET_MAX_PER_HOUR = int(os.environ.get("PASSWORD_RESET_MAX_PER_HOUR", "3"))
PASSWORD_RESET_ADDRESS_MAX_PER_HOUR = int(os.environ.get("PASSWORD_RESET_ADDRESS_MAX_PER_HOUR", "20"))

# --- Single sign-on: OpenID Connect beside local accounts (issue 10); off unless OIDC_ISSUER and
# OIDC_CLIENT_ID are set. Authorization code flow with PKCE, state and nonce; the ID token's signature
# is checked against the provider's JWKS (endpoints from OIDC_ISSUER/.well-known/openid-configuration).
# The provider's user is mapped to an employee by the NIP in the claim OIDC_NIP_CLAIM.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").rstrip("/")
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_ENABLED = bool(OIDC_ISSUER and OIDC_CLIENT_ID)
OIDC_SCOPES = os.environ.get("OIDC_SCOPES", "openid profile")  # space-separated; must release the NIP claim
OIDC_NIP_CLAIM = os.environ.get("OIDC_NIP_CLAIM", "nip")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "SSO")  # the login button says "Masuk dengan <name>"
# An employee who has no login yet gets one (role employee, no password) at their first SSO login.
OIDC_CREATE_USERS = env_bool("OIDC_CREATE_USERS", True)
OIDC_TIMEOUT = float(os.environ.get("OIDC_TIMEOUT", "10"))

# --- Who approves a data update (issue 8): data of the agency is approved by the fasilitator of the
# employee's unit (or an administrator); data of BKD only by an administrator. Targets named here
# belong to BKD ("field:<employee field>" or "history:<riwayat kind>"); everything else to the agency.
DATA_OWNED_BY_BKD = env_list("DATA_OWNED_BY_BKD", "field:nama,field:golongan,history:pangkat,history:gaji_berkala")

# Logs: the console by default. With LOG_FILE (`make run` sets DATA_DIR/berkas.log) everything goes to that
# file and the console keeps only errors, so a new user sees the address and logins, not library warnings
# (Python warnings arrive on the `py.warnings` logger), task chatter or a traceback per refused request.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOG_FILE = os.environ.get("LOG_FILE", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"timestamped": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             "level": os.environ.get("LOG_CONSOLE_LEVEL", "ERROR" if LOG_FILE else LOG_LEVEL)}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Libraries that narrate every step at INFO (font subsetting for each rendered PDF, each CRL
    # and OCSP fetch while signing): their warnings and errors still show.
    "loggers": {name: {"level": "WARNING"} for name in ("fontTools", "pyhanko", "pyhanko_certvalidator")},
}
if LOG_FILE:
    Path(LOG_FILE).parent.mkdir(parents=True, exist_ok=True)
    LOGGING["handlers"]["file"] = {"class": "logging.handlers.WatchedFileHandler", "filename": LOG_FILE,
                                   "formatter": "timestamped"}
    LOGGING["root"]["handlers"].append("file")
    logging.captureWarnings(True)  # Python warnings (a library's deprecations) to the `py.warnings` logger

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "")

# --- Reports, statistics and data exchange (issue 11)
# Public statistics never show a count of 1..STATISTICS_MIN_CELL-1 people (nor one derivable by subtraction).
STATISTICS_MIN_CELL = max(2, int(os.environ.get("STATISTICS_MIN_CELL", "5")))

# --- Data governance (issue 25)
# The Diskominfo contact a security incident is reported to by email (Pergub Jatim 73/2020 Pasal 31); empty: none.
DISKOMINFO_EMAIL = os.environ.get("DISKOMINFO_EMAIL", "")
# Days after receipt by which a data request letter must be answered; later it is listed as overdue.
DATA_REQUEST_DAYS = int(os.environ.get("DATA_REQUEST_DAYS", "10"))
