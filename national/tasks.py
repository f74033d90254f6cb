"""Celery entry points of the national integration: take an id, call one service."""
from celery import shared_task

from national.models import SiasnPull
from national.services.siasn import siasn_pull_run


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def siasn_pull_run_task(self, pull_id: int) -> str:
    """One run of a pull; interrupted (SI-ASN stopped answering), it runs again later from where it
    stopped, and stays resumable by hand (POST .../resume/) after the last retry."""
    status = siasn_pull_run(pull_id).status
    if status == SiasnPull.Status.INTERRUPTED and self.request.retries < self.max_retries:
        raise self.retry(countdown=min(600, 30 * 2 ** self.request.retries))
    return status


@shared_task(acks_late=True, reject_on_worker_lost=True)
def siasn_push_task(update_id: int) -> str:
    """Send one approved data update to SI-ASN (where its API accepts the field); the answer is kept."""
    from desk.models import DataUpdate
    from national.services.siasn import siasn_push_data_update

    update = DataUpdate.objects.select_related("employee", "decided_by").get(pk=update_id)
    return siasn_push_data_update(actor=update.decided_by, update=update).status
