"""narrate as a service: Celery workers on Redis, fed by `narrate submit` and by `narrate serve` (HTTP).

- settings.py: where the queue, the outputs and the sentence cache are ([queue] table, environment, flags)
- jobs.py: what a job carries (plain data), and how its state is told (shared by status and serve)
- worker.py: the Celery app and its tasks; a task calls the same pipeline as `narrate FILE`
- submit.py: `narrate submit` and `narrate status`
- serve.py: the HTTP service for publishing systems
- cli.py: the subcommands' parsers

Needs the `queue` extra: pip install 'narrate[queue]'.
"""
