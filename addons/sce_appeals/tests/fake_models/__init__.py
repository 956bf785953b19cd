from .sce_test_term import SceTestTerm  # noqa: F401
