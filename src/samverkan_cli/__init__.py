"""samverkan: governance documents for collaboration between a region and its municipalities."""

__version__ = "0.1.0"
#: Where the tool lives: its README, rule table and releases (SARIF's informationUri, the
#: install line of the CI files `init` writes). The one place to change if it moves.
HOME = "https://github.com/samverkan/samverkan"
