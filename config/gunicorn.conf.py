"""gunicorn's settings for `make serve` and the production tests:
``gunicorn -c config/gunicorn.conf.py 'booking:create_app()'``.

Command-line options win over these (``--bind``, ``--workers``), so the tests start
several instances from the one file.
"""

import os

# Loopback unless told otherwise: a reverse proxy with TLS stands in front.
bind = [os.environ.get("BOOKING_BIND", "127.0.0.1:5000")]
workers = int(os.environ.get("BOOKING_WORKERS", "4"))
worker_class = "sync"
# Each worker builds its own app, and with it its own database pool and Redis clients:
# connections made before a fork would be shared by every worker.
preload_app = False
timeout = 30
graceful_timeout = 20
keepalive = 5
# Renew workers now and then, spread out so that they do not all restart at once.
max_requests = 5000
max_requests_jitter = 500
# The worker heartbeat on a memory file system, not the disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The proxy on this machine may say the request came over https (X-Forwarded-Proto), so
# that production's HTTPS redirect and Secure cookies see the scheme the browser used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One line per request on stderr: address, request line, status, bytes, duration in
# microseconds, and the request id the proxy set (X-Request-Id; "-" without one).
accesslog = "-"
access_log_format = ('%(h)s "%(r)s" %(s)s %(B)s %(D)sus rid=%({x-request-id}i)s '
                     'ua="%(a)s"')
errorlog = "-"
loglevel = os.environ.get("BOOKING_LOG_LEVEL", "info")
proc_name = "booking"
