# massagelog: `make demo` and `make test` work on a fresh Debian bookworm
# machine; both install what is missing first (scripts/install-deps.sh).

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
# How long each fuzz target runs: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 60
JOBS       ?= 2
CMAKE_FLAGS ?=

RELEASE_BUILD ?= build-release

.PHONY: all deps build build-asan build-fuzz build-release test fuzz bench demo package format clean

all: build

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMASSAGELOG_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

build-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DMASSAGELOG_WERROR=ON -DMASSAGELOG_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j$(JOBS)

build-fuzz: deps
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMASSAGELOG_FUZZ=ON -DBUILD_TESTING=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzz_time fuzz_region fuzz_csv

# Each fuzz target briefly (its regressions first), every test under
# AddressSanitizer and UBSan, then every test in the normal build, whose
# summary closes the run.
test: build build-asan build-fuzz
	bash scripts/fuzz.sh $(FUZZ_BUILD) 10
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS)
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

fuzz: build-fuzz
	bash scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

build-release: deps
	cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF $(CMAKE_FLAGS)
	cmake --build $(RELEASE_BUILD) -j$(JOBS) --target massagelog

# Speed against the sqlite3 shell on a generated 1M-session clinic (docs/performance.md).
bench: build-release
	python3 bench/run.py --binary $(RELEASE_BUILD)/app/massagelog --work bench/work

demo: build
	bash scripts/demo.sh $(BUILD)/app/massagelog

# build/massagelog_VERSION_amd64.deb, checked by lintian and run unpacked.
package: build
	bash scripts/test-package.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(RELEASE_BUILD) demo bench/work
