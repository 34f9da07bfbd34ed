"""The packaging tests: what a person installing the app gets (wheel, desktop entry, system check)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: builds and installs the wheel, or renders pictures (seconds, not milliseconds)")
