#!/bin/sh
# The Mann-Whitney U test of po-budget --baseline, against p-values worked
# out outside po (see tests/lib/mannwhitney-test.c): the unit test program
# prints TAP itself.
exec mannwhitney-test
