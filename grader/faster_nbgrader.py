"""nbgrader's own steps, without the work it repeats per cell or per gradebook open that can be
done once: the same checks and the same database, found by profiling a batch (about 90 ms of
CPU per notebook graded, a fifth of the worker's share).

- nbgrader checks each cell's metadata with jsonschema.validate(), which first checks the
  schema itself against JSON Schema's metaschema, for every cell: CheckCellMetadata here makes
  the schema's validator once per process.
- nbgrader opens its gradebook about ten times per notebook it grades, each with a new
  SQLAlchemy engine (a new dialect, an empty statement cache, every query compiled again):
  inside one_engine(url) those opens share one engine.
"""
import contextlib
import traceback

import jsonschema
import sqlalchemy
from jsonschema.exceptions import best_match
from nbgrader.nbgraderformat import MetadataValidator, ValidationError, common
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata

_SCHEMA_VALIDATORS = {}     # schema version -> jsonschema validator, checked once
_ENGINES = {}               # url -> the engine nbgrader's Gradebook(url) gets, inside one_engine(url)


class _SchemaCheckedOnce(common.BaseMetadataValidator):
    def validate_cell(self, cell):
        meta = cell.metadata.get("nbgrader")
        if meta is None or meta.get("schema_version", 0) != self.schema_version:
            return super().validate_cell(cell)      # nbgrader's: nothing to check, or its version error
        validator = _SCHEMA_VALIDATORS.get(self.schema_version)
        if validator is None:
            cls = jsonschema.validators.validator_for(self.schema)
            cls.check_schema(self.schema)
            validator = _SCHEMA_VALIDATORS[self.schema_version] = cls(self.schema)
        error = best_match(validator.iter_errors(meta))        # what jsonschema.validate() raises
        if error is not None:
            raise error


class _MetadataValidator(MetadataValidator, _SchemaCheckedOnce):
    """nbgrader's checks (grade ids, points, cell types, duplicates); its schema step above."""


class CheckCellMetadata(NbgraderCheckCellMetadata):
    """nbgrader's CheckCellMetadata, with the schema's validator made once per process."""

    def preprocess(self, nb, resources):
        try:
            _MetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            raise ValidationError("Notebook failed to validate; the nbgrader metadata may be corrupted.")
        return nb, resources


def _create_engine(url, **kwargs):
    engine = _ENGINES.get(str(url))
    return engine if engine is not None else sqlalchemy.create_engine(url, **kwargs)


@contextlib.contextmanager
def one_engine(url):
    """nbgrader's Gradebook(url) opens share one engine inside this block (each close disposes of
    its connections, as nbgrader's does; the engine, its dialect and its statement cache stay)."""
    import nbgrader.api

    nbgrader.api.create_engine = _create_engine     # the name nbgrader's Gradebook makes engines with
    if url in _ENGINES:                             # an outer block shares one already
        yield
        return
    _ENGINES[url] = sqlalchemy.create_engine(url, echo=False, future=True)
    try:
        yield
    finally:
        _ENGINES.pop(url).dispose()
