"""Background entry points of the seller center (thin wrappers; the work is in `jobs`)."""

from huey.contrib.djhuey import db_task

from tradepost.sellercenter import jobs


@db_task()
def import_products_csv_task(job_id: str) -> None:
    jobs.run_job(job_id)
