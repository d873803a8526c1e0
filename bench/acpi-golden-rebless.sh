#!/bin/sh
# Regenerates the AML golden files in commands/src/test/resources/acpi/golden:
# for each case in GoldenCases, <case>.asl is what AslPrinter prints and <case>.aml is what the
# installed iasl compiles from it. AmlGoldenTest then requires our encoder's bytes to equal iasl's.
# Needs iasl (acpica-tools). Review `git diff` of the .asl files before committing.
set -eu
cd "$(dirname "$0")/.."
mvn -q -pl commands test -Dtest=AmlGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dmuxless.golden.rebless=true
git status --short commands/src/test/resources/acpi/golden
