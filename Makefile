# The README's commands. `make bench` prints every benchmark figure beside the naive approach,
# measured in the same run (PostgreSQL figures too after `eval "$(scripts/start-test-postgres)"`).
.PHONY: bench test

bench:
	scripts/run-bench

test:
	scripts/run-tests
