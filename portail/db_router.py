"""Reads to the PostgreSQL replica, writes to the primary, when ``DATABASE_REPLICA_URL`` is set.

Reads inside a transaction go to the primary (what was just written there may not have reached the replica),
and so do reads of related objects of an instance loaded from the primary.
"""

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        if REPLICA not in connections.databases:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Primary and replica hold the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
