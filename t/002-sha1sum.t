# issue 3: the built-in SHA-1 agrees with the system's sha1sum on many sizes, around the 55/56/64-byte block edges too.
command -v sha1sum >/dev/null || skip "sha1sum not installed"
unit=${UNIT:-$T_TOP/t/unit}
case $unit in /*) ;; *) unit=$T_TOP/$unit ;; esac
[ -x "$unit" ] || skip "t/unit not built"
for n in 0 1 2 3 54 55 56 57 63 64 65 119 120 127 128 129 1000 4095 4096 65535 65536 65537 200003; do
	head -c $n /dev/urandom >in
	want=$(sha1sum <in | cut -d' ' -f1)
	got=$("$unit" sha1 in)
	assert_eq "$got" "$want" "sha1 of $n random bytes"
done
