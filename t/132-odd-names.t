# SPEC §1, §5 (issue 2): any non-empty byte sequence is a name: spaces, non-ASCII, backslashes, newlines round-trip through the records.
do_file default.out.do <<'X'
redo-ifchange "$2.in"
printf '[%s]\n' "$1"
cat ./"$2.in"
printf '%s\n' "$2" >>runs.log
X
# count runs by fixed string (names hold regex characters)
ranf() { grep -cxF -e "$1" runs.log; }
for n in "with space" "ünïcødé-名前" 'back\slash' "tab	here" "-dash" "star*q?"; do
	printf "content of %s\n" "$n" >"$n.in"
	ok redo-ifchange "$n.out"
	assert_eq "$(head -n 1 ./"$n.out")" "[$n.out]" "\$1 for '$n'"
	assert_eq "$(sed -n 2p ./"$n.out")" "content of $n" "content for '$n'"
	ok redo-ifchange "$n.out"
	assert_eq "$(ranf "$n")" 1 "no-op for '$n'"
	tick
	printf "changed %s\n" "$n" >"$n.in"
	ok redo-ifchange "$n.out"
	assert_eq "$(ranf "$n")" 2 "rebuilt for '$n'"
done
# a newline in a name
nl='a
b'
echo "nl content" >"$nl.in"
ok redo-ifchange "$nl.out"
assert_eq "$(sed -n 3p "$nl.out")" "nl content" "built a name with a newline"
ok redo-ifchange "$nl.out"
assert_eq "$(grep -c '^b$' runs.log)" 1 "no-op for a name with a newline"
tick
echo "nl changed" >"$nl.in"
ok redo-ifchange "$nl.out"
assert_eq "$(grep -c '^b$' runs.log)" 2 "rebuilt for a name with a newline"
# the record stays line-oriented: the newline is escaped
grep -q '^dep c .*a\\nb\.in$' ".redo/r.$nl.out" || fail "dependency name not escaped: $(cat ".redo/r.$nl.out")"
# a dependency of a dependency, both with odd names, in a subdirectory with a space
mkdir "sub dir"
do_file "sub dir/x y.do" <<'X'
redo-ifchange "../with space.out"
cat "../with space.out"
X
ok redo-ifchange "sub dir/x y"
assert_eq "$(sed -n 2p "sub dir/x y")" "changed with space" "nested odd names"
