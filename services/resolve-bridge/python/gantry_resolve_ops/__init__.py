"""resolve-bridge's operations over DaVinci Resolve's scripting API (DaVinciResolveScript).

One function per gRPC method (methods.hpp), taking the request as a dict in proto JSON form (field names as in
the .proto files) and returning the response as such a dict. `handle(text)` runs one framed call; it is what
the worker process and the embedded interpreter both call.
"""

from .core import ApiError, handle, METHODS  # noqa: F401
from . import app, projects, media, timelines, items, takes, color, render  # noqa: F401  (they register methods)
