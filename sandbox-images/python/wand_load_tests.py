"""Runs the tests a test module adds through unittest's load_tests protocol, which pytest does
not call: most often a module's doctests (`tests.addTests(doctest.DocTestSuite(module))`).

Loaded in every pytest run of the image (PYTEST_PLUGINS). After collection, each collected test
module that defines load_tests is asked for its tests; those pytest did not collect itself
become items of that module, named by their unittest id (a doctest by its object's name). When
the run names tests by node id, only the named ones are added.
"""
import unittest

import pytest


class LoadedTestFailed(Exception):
    """A loaded test's failure or error, with unittest's traceback as its text."""


class LoadedTest(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        result = unittest.TestResult()
        self.case.run(result)
        problems = result.failures + result.errors
        if problems:
            raise LoadedTestFailed(problems[0][1])
        if result.skipped:
            pytest.skip(result.skipped[0][1])

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, LoadedTestFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, self.name


def _cases(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _cases(test)
        else:
            yield test


def _key(case):
    """A unittest method as pytest names it (Class.method); a doctest or other case by its id."""
    method = getattr(case, "_testMethodName", None)
    return f"{type(case).__name__}.{method}" if method and not hasattr(case, "_dt_test") else case.id()


def _modules(items):
    """Each collected module, by node id, with the keys (_key) of the tests pytest collected in it."""
    modules = {}
    for item in items:
        module = item.getparent(pytest.Module)
        if module is not None:
            cls = getattr(item, "cls", None)
            modules.setdefault(module.nodeid, (module, set()))[1].add(f"{cls.__name__}.{item.name}" if cls else item.name)
    return modules.values()


def _loaded_id(arg):
    """A node id of a loaded test: its name is a dotted unittest id (pytest's have dots only in parameters)."""
    return "::" in arg and "." in arg.rsplit("::", 1)[1].split("[", 1)[0]


def pytest_configure(config):
    # pytest cannot find a loaded test by its node id: its module is collected in its place, and
    # only the tests asked for are kept (below).
    config.wand_asked = {arg for arg in config.args if "::" in arg}
    whole = {arg for arg in config.args if "::" not in arg}
    config.wand_narrowed = {arg.split("::", 1)[0] for arg in config.args if _loaded_id(arg)} - whole
    args = []
    for arg in config.args:
        arg = arg.split("::", 1)[0] if _loaded_id(arg) else arg
        if arg not in args:
            args.append(arg)
    config.args[:] = args


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    asked = getattr(config, "wand_asked", set())
    for module, collected in list(_modules(items)):
        load = getattr(module.obj, "load_tests", None)
        if callable(load):
            items.extend(_loaded(module, load, collected, asked))
    narrowed = getattr(config, "wand_narrowed", set())
    dropped = [i for i in items if i.nodeid.split("::", 1)[0] in narrowed and i.nodeid not in asked]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    # A module collected in a loaded test's place may have brought a test that was also asked for by its own id.
    seen = {i.nodeid for i in dropped}
    items[:] = [i for i in items if not (i.nodeid in seen or seen.add(i.nodeid))]


def _loaded(module, load, collected, asked):
    """The module's loaded tests pytest did not collect: all, or those asked for when some of the module's are."""
    only = {a for a in asked if a.startswith(module.nodeid + "::")}
    try:
        suite = load(unittest.TestLoader(), unittest.TestSuite(), None) or []
    except Exception as error:  # the module's own tests still run; this one says why the rest do not
        suite = [_failing(error)]
    for case in _cases(suite):
        if _key(case) not in collected:
            item = LoadedTest.from_parent(module, name=case.id(), case=case)
            if not only or item.nodeid in only:
                yield item


def _failing(error):
    def load_tests_failed():
        raise error

    return unittest.FunctionTestCase(load_tests_failed)
