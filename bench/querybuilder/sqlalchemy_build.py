"""The three benchmark queries of querybuilder_bench.cpp in SQLAlchemy Core, compiled for PostgreSQL.

Prints "sqlalchemy_build <builds per second> builds/s". Each statement is constructed once and compiled
repeatedly, as the Gantry side builds from a prepared tree.
"""
import sys
import time

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, and_, func, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import insert

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", String, unique=True),
              Column("age", Integer), Column("status", String))
orders = Table("orders", metadata, Column("id", Integer, primary_key=True), Column("user_id", Integer),
               Column("total", Float))

u = users.alias("u")
o = orders.alias("o")
simple = (select(u.c.id, u.c.name).where(and_(u.c.age >= 18, u.c.status.in_(["active", "new"])))
          .order_by(u.c.name).limit(50))
join = (select(u.c.name, func.count(o.c.id).label("n")).select_from(u.join(o, o.c.user_id == u.c.id))
        .where(o.c.total > 100.0).group_by(u.c.name).having(func.count(o.c.id) > 2))
upsert = insert(users).values(name="ada", age=36)
upsert = upsert.on_conflict_do_update(index_elements=["name"], set_={"age": upsert.excluded.age})
queries = [simple, join, upsert]
dialect = postgresql.dialect()

budget = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
n = 0
start = time.process_time()  # CPU time, as the Gantry in-process rate
elapsed = 0.0
while elapsed < budget:
    for _ in range(30):
        compiled = queries[n % 3].compile(dialect=dialect)
        str(compiled)
        compiled.params
        n += 1
    elapsed = time.process_time() - start
print(f"sqlalchemy_build {n / elapsed:.0f} builds/s")
