"""python -m gwlint"""

from gwlint.cli import run

run()
