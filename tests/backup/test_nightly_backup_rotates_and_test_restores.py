"""The nightly backup duty: a new backup, older ones rotated (7 daily, 4 weekly, 12 monthly), and a
test restore in a separate process into a scratch database, whose failure is caught."""
import json

import pytest

from archive.services.backup import backup_rotate, backup_scheduled, backup_test_restore

pytestmark = pytest.mark.django_db(transaction=True)


def test_rotation_keeps_daily_weekly_and_monthly(tmp_path):
    import datetime as dt

    day = dt.date(2026, 12, 6)
    names = [(day - dt.timedelta(days=n)).strftime("%Y%m%d-013000") for n in range(400)]
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.json").write_text("{}")
    (tmp_path / "20260101-unfinished").mkdir()  # no manifest: not a finished backup, left alone
    backup_rotate(tmp_path, daily=7, weekly=4, monthly=12)
    kept = sorted(p.name[:8] for p in tmp_path.iterdir() if (p / "manifest.json").exists())
    assert len(kept) == len(set(kept))
    assert kept[-7:] == sorted(n[:8] for n in names[:7])  # the last seven days
    assert len(kept) <= 7 + 4 + 12 and "20251207" not in kept  # nothing older than a year beyond the months
    assert (tmp_path / "20260101-unfinished").exists()


@pytest.mark.services
def test_nightly_backup_is_test_restored_and_copied_offsite(demo, users, signing_settings, settings, tmp_path,
                                                             seaweed):
    import uuid

    from documents.storage import storage_from_config

    settings.BACKUP_PASSPHRASE = "kata-sandi-cadangan-uji"
    settings.BACKUP_S3_ENDPOINT, settings.BACKUP_S3_BUCKET = seaweed.endpoint, f"backup-{uuid.uuid4().hex[:10]}"
    settings.BACKUP_S3_ACCESS_KEY, settings.BACKUP_S3_SECRET_KEY = seaweed.access_key, seaweed.secret_key
    result = backup_scheduled(root=tmp_path / "backups")
    assert result["test_restore"]["ok"], result["test_restore"]["detail"]
    name = result["folder"].rsplit("/", 1)[-1]
    offsite = storage_from_config(s3_endpoint=seaweed.endpoint, s3_access_key=seaweed.access_key,
                                  s3_secret_key=seaweed.secret_key, s3_bucket=settings.BACKUP_S3_BUCKET)
    [copy] = offsite.versions(f"{name}/manifest.json")
    local = (tmp_path / "backups" / name / "manifest.json").read_bytes()
    assert offsite.get(f"{name}/manifest.json", version_id=copy.version_id, sha256=copy.sha256) == local
    assert result["offsite"]["files"] >= 4
    # A damaged backup fails its test restore, and says why.
    folder = tmp_path / "backups" / json.loads(json.dumps(result))["folder"].rsplit("/", 1)[-1]
    rows = folder / "database.json"
    rows.write_text(rows.read_text().replace("Dewi Rahayu", "Dewi Palsu"))
    check = backup_test_restore(folder)
    assert check["ok"] is False and "damaged" in check["detail"]
