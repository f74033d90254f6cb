"""Celery entry points of paper intake: take an id, call one service."""
from celery import shared_task


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3)
def process_intake_batch(self, batch_id: int) -> str:
    from intake.services import intake_batch_process

    return intake_batch_process(batch_id)


@shared_task(acks_late=True)
def scan_intake_folder() -> int:
    from intake.services import intake_folder_scan

    return intake_folder_scan()


@shared_task(acks_late=True)
def retrain_intake_classifier() -> str:
    from intake.services import classifier_retrain

    return classifier_retrain()
