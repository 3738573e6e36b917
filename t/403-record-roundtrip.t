# SPEC §5, issue 7: the record parser survives every prefix and many one-byte changes of real records, and whatever it accepts formats and parses back identically (t/fuzz-record.c without libFuzzer; `make fuzz` runs it under libFuzzer).
command -v cc >/dev/null 2>&1 || skip "no C compiler"
cc -O1 -DFUZZ_MAIN -DREDO_NO_MAIN -I"$T_TOP" -o fr "$T_TOP/t/fuzz-record.c" \
	"$T_TOP/redo.c" 2>cc.err || { cat cc.err; fail "t/fuzz-record.c does not build"; }
sh "$T_TOP/t/fuzz-seed.sh" "$T_BIN" seeds >seed.out 2>&1 || {
	cat seed.out
	fail "t/fuzz-seed.sh failed"
}
n=$(ls seeds | wc -l)
[ "$n" -ge 10 ] || fail "only $n seed records"
./fr seeds/* || fail "a record check failed"
