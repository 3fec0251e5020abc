"""A local Python package index for tests, standing in for PyPI: pypiserver's app (no fallback to PyPI) over the
package folders given, on a port the system picks; prints the port on the first line of stdout, then logs each
request on stderr. Runs until killed.

Usage: python local_pypi.py PACKAGE_DIR...  (with pypiserver installed: .tools/python)
"""

import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pypiserver


class LoggingHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name wsgiref calls
        sys.stderr.write(f"{self.command} {self.path} {args[1] if len(args) > 1 else ''}\n")
        sys.stderr.flush()


app = pypiserver.app(roots=sys.argv[1:], disable_fallback=True)
server = make_server("127.0.0.1", 0, app, handler_class=LoggingHandler)
print(server.server_port, flush=True)
server.serve_forever()
