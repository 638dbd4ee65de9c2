"""An in-memory model of Resolve's scripting objects, implementing the calls resolve-bridge makes."""

from .app import Resolve  # noqa: F401
