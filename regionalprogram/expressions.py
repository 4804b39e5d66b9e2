"""SQL expressions compiled once per query shape instead of on every request.

Some rules are long SQL expressions (a measure's computed status is a CASE over a dozen correlated
sub-selects). Django compiles an expression to SQL text on every query, and for the status that
compilation costs more than PostgreSQL's work on a page of rows. ``CompiledOnce`` wraps such an
expression and keeps its SQL text and parameters per query shape: the expression's key (a name and
every value baked into it, such as the day a status is computed for), the database connection and
everything of the compiling query that decides the aliases written into the text (the model, the
base table's alias, the alias prefix, the aliases already taken and those of the subqueries).
The rule itself stays written once, as a Django expression; only its rendering is reused.
"""

from __future__ import annotations

from threading import Lock

from django.db.models import ExpressionWrapper

MAX_KEPT = 512
_kept: dict[tuple, tuple[str, tuple]] = {}
_lock = Lock()


class CompiledOnce(ExpressionWrapper):
    def __init__(self, expression, output_field, key: tuple):
        super().__init__(expression, output_field=output_field)
        self.key = key

    def as_sql(self, compiler, connection):
        query = compiler.query
        shape = (
            self.key,
            connection.alias,
            type(compiler).__name__,
            query.model,
            query.base_table,
            query.alias_prefix,
            tuple(query.alias_map),
            tuple(sorted(query.subq_aliases)),
        )
        kept = _kept.get(shape)
        if kept is None:
            sql, params = super().as_sql(compiler, connection)
            kept = (sql, tuple(params))
            with _lock:
                if len(_kept) >= MAX_KEPT:
                    _kept.clear()
                _kept[shape] = kept
        return kept[0], list(kept[1])
