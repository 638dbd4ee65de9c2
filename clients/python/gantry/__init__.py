"""Gantry client for Python: typed access to the Gantry services over gRPC.

    import gantry
    with gantry.connect("127.0.0.1:50052", token="...") as conn:
        print(conn.service_info())
        db = gantry.Database(conn)                        # db-gateway: gantry.database
        print(db.query("SELECT 1 AS one").rows[0]["one"])

gantry.TursoSync (gantry.tursosync) wraps turso-sync the same way. See clients/python/README.md.

Values cross the wire typed (gantry.common.v1.Value); see gantry.values for the Python mapping.
"""

# The generated modules (gantry.common.v1, gantry.db.v1, ...) live in another directory on sys.path.
__path__ = __import__("pkgutil").extend_path(__path__, __name__)

from gantry.errors import GantryError
from gantry.connection import Connection, connect
from gantry.values import from_value, to_value
from gantry.database import Database
from gantry.tursosync import TursoSync

__all__ = ["Connection", "Database", "GantryError", "TursoSync", "connect", "from_value", "to_value"]
