from . import test_peers
