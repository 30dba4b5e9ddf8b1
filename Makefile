# Lapor: `make run` brings the whole system up locally; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: install browser node web run test lint bench vendor package synth openapi clean

install: $(STAMP)

# Rebuilt only when a requirements file changes, so repeated runs are quick.
$(STAMP): requirements.txt requirements-vendor.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

run: install web
	$(BIN)/python -m local.run --port $(PORT)

# The page tests drive Debian's Chromium (browser downloads are not an option here).
browser:
	command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The CDK library runs on Node.js (jsii); the machine image has it, this covers one without.
node:
	command -v node >/dev/null && command -v npm >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

# The pages' one library (uPlot, for the performance page's charts), from npm at the version
# the lock file names, copied beside the pages: served from our own origin, nothing third-party.
WEB_STAMP := web/node_modules/.copied
web: $(WEB_STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json
	$(MAKE) node
	cd web && npm ci --no-audit --no-fund --silent
	mkdir -p web/assets/vendor
	cp web/node_modules/uplot/dist/uPlot.esm.js web/node_modules/uplot/dist/uPlot.min.css web/assets/vendor/
	cp web/node_modules/uplot/LICENSE web/assets/vendor/uPlot.LICENSE
	touch $@

test: install browser node vendor web
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The API's description, from the validators' schemas (a test fails when it is stale).
openapi: install
	$(BIN)/python -m openapi.build

bench: install vendor
	$(BIN)/python -m bench.intake
	$(BIN)/python -m bench.feed
	$(BIN)/python -m bench.partitions --reports 10000
	$(BIN)/python -m bench.sweep --reports 5000
	$(BIN)/python -m bench.analytics --reports 1000000

# PynamoDB without its botocore: the Lambda runtime already has one (see requirements.txt).
vendor: vendor/.installed

vendor/.installed: requirements-vendor.txt $(STAMP)
	rm -rf vendor
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--target vendor -r requirements-vendor.txt
	touch $@

# CloudFormation templates for both stages in infra/cdk.out/, without an AWS account.
synth: install node vendor
	$(BIN)/python infra/app.py
	$(BIN)/cfn-lint infra/cdk.out/lapor-*.template.json

# The Lambda bundle as `cdk deploy` ships it: trimmed, with bytecode (see infra/bundle.py).
package: vendor
	rm -rf build/package
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-ap-southeast-3} $(BIN)/chalice package --stage prod build/package
	$(BIN)/python -m infra.bundle build/package/deployment.zip

clean:
	rm -rf $(VENV) vendor build .pytest_cache .ruff_cache infra/cdk.out chalice.out infra/chalice.out \
		web/node_modules web/assets/vendor
