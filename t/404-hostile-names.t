# SPEC §1, §5, issue 7: names with spaces, tabs, newlines, CR, backslashes, quotes, leading dashes, shell syntax, non-UTF-8 bytes, 255-byte components and paths near PATH_MAX round-trip through the records and build; redo-targets and redo-sources print them escaped (\n, \\).
unit=${UNIT:-$T_TOP/t/unit}
case $unit in /*) ;; *) unit=$T_TOP/$unit ;; esac
LC_ALL=C
export LC_ALL

# name RAW ESC: a name, as a printf format for its bytes and for the way
# the listing commands print it.  Each raw name goes into a file of its
# own under nm/ (a list could not hold the newlines).
mkdir nm
i=0
: >expect.esc
name() {
	i=$((i + 1))
	printf "%s$1" "" >nm/$i        # (%s first: "-dash" is no option)
	printf "%s$2\n" "" >>expect.esc
	[ -s nm/$i ] || fail "name $i is empty"
}
name 'with space' 'with space'
name 'with\ttab' 'with\ttab'
name 'new\nline' 'new\\nline'
name 'two\n\nnewlines\n' 'two\\n\\nnewlines\\n'
name '\nleading newline' '\\nleading newline'
name 'back\\slash' 'back\\\\slash'
name 'literal\\n' 'literal\\\\n'
name '\\' '\\\\'
name 'cr\rx' 'cr\\rx'
name "single'quote" "single'quote"
name 'double"quote' 'double"quote'
name '-dash' '-dash'
name '--double-dash' '--double-dash'
name '-' '-'
name '\377\376non-utf8\200' '\377\376non-utf8\200'
name 'utf8-\303\251\342\202\254' 'utf8-\303\251\342\202\254'
name ' lead and trail ' ' lead and trail '
name 'end' 'end'
name 'dep c - - - x' 'dep c - - - x'
name '$dollar `tick` $(cmd) ${x}' '$dollar `tick` $(cmd) ${x}'
name 'star*glob?[a]' 'star*glob?[a]'
name '%%percent%%s' '%%percent%%s'
name '#hash;semi&amp|pipe<lt>gt' '#hash;semi&amp|pipe<lt>gt'
name '~tilde=eq' '~tilde=eq'
name '.hidden' '.hidden'
name 'dots..name...' 'dots..name...'
name 'dir with space/in side' 'dir with space/in side'
name 'dir\nnl/\\in\nner' 'dir\\nnl/\\\\in\\nner'
name '-dir/-x' '-dir/-x'
long=$(awk 'BEGIN { for (i = 0; i < 251; i++) printf "L"; print "" }')
name "$long" "$long"      # NAME.out is 255 bytes: hashed state files
echo "$i names"

# readname FILE: the name in FILE, trailing newlines and all
readname() {
	n=$(cat "$1"; echo x)
	n=${n%x}
}

do_file default.out.do <<'X'
redo-ifchange "$2.in"
echo x >>runs.log
cat <"./$2.in"
X
do_file all.do <<'X'
for f in nm/*; do
	n=$(cat "$f"; echo x)
	n=${n%x}
	redo-ifchange "$n.out"
	cat <"./$n.out"
done
X
for f in nm/*; do
	readname "$f"
	case $n in */*) mkdir -p "./${n%/*}" || fail "mkdir for $f" ;; esac
	printf 'content of %s\n' "$n" >"./$n.in" || fail "cannot create $f"
done

ok redo all 2>err.log
[ -s err.log ] || fail "no progress lines"
# (progress lines show names raw, newlines and all: look for messages)
grep -q '^redo: ' err.log && fail "messages: $(grep '^redo: ' err.log)"
assert_eq "$(lines runs.log)" $i "each target built once"
for f in nm/*; do
	readname "$f"
	cmp -s "./$n.in" "./$n.out" || fail "$f: wrong content"
done

# every record parses (some live in the odd directories)
if [ -x "$unit" ]; then
	find . -path '*/.redo/*,r' -type f -exec "$unit" parse {} + >parse.out ||
		fail "a record does not parse: $(cat parse.out)"
	nrec=$(find . -path '*/.redo/*,r' -type f -exec sh -c 'echo $#' sh {} + |
		awk '{ n += $1 } END { print n }')
	[ "$nrec" -eq $((i + 1)) ] || fail "$nrec records for $((i + 1)) targets"
fi

# a no-op, then one edit: exactly one rebuild
ok redo-ifchange all 2>err.log
assert_eq "$(lines runs.log)" $i "no-op check"
[ -s err.log ] && fail "no-op talked: $(cat err.log)"
readname nm/3
echo changed >>"./$n.in"
ok redo-ifchange all 2>/dev/null
assert_eq "$(lines runs.log)" $((i + 1)) "one edited dependency"
cmp -s "./$n.in" "./$n.out" || fail "edited name not rebuilt"
grep -q changed all || fail "all not rebuilt"

# the listings print every name escaped, one per line
sed 's/$/.out/' expect.esc >want.targets
echo all >>want.targets
sort want.targets >want
redo-targets >got.raw || fail "redo-targets failed"
sort got.raw >got
cmp -s want got || { diff want got; fail "redo-targets output"; }
sed 's/$/.in/' expect.esc >want.sources
printf 'all.do\ndefault.out.do\n' >>want.sources
sort want.sources >want
redo-sources >got.raw || fail "redo-sources failed"
sort got.raw >got
cmp -s want got || { diff want got; fail "redo-sources output"; }
assert_eq "$(redo-ood)" "" "redo-ood after a full build"

# names that look like options, given to redo itself
ok redo -- -dash.out 2>/dev/null
ok redo ./--double-dash.out 2>/dev/null
assert_eq "$(lines runs.log)" $((i + 3)) "forced rebuilds of dash names"

# a path near PATH_MAX: directories of 200-byte components, built by
# the top directory's default.out.do, with its record beside it
pmax=$(getconf PATH_MAX / 2>/dev/null) || pmax=4096
case $pmax in '' | *[!0-9]*) pmax=4096 ;; esac
[ "$pmax" -gt 8192 ] && pmax=8192
comp=$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "D"; print "" }')
top=$(pwd -P)
deep=.
# stop where the record's path (dir/.redo/deep.out,r) still fits
while [ $(( ${#top} + ${#deep} + 201 + 30 )) -lt "$pmax" ]; do
	deep=$deep/$comp
done
mkdir -p "$deep" || fail "mkdir deep"
echo deep >"$deep/deep.in"
echo "target path is $(( ${#top} + ${#deep} + 9 )) bytes, PATH_MAX $pmax"
ok redo-ifchange "$deep/deep.out" 2>err.log
cmp -s "$deep/deep.in" "$deep/deep.out" || fail "deep target content"
ok redo-ifchange "$deep/deep.out"
assert_eq "$(lines runs.log)" $((i + 4)) "deep target built once"
redo-targets | grep -q 'DDDD/deep.out$' || fail "deep target not listed"

# and past PATH_MAX: a clean one-line failure, never a crash
cd "$deep" || fail "cd deep"
mkdir "$comp" && mkdir "$comp/$comp" || skip "cannot make a path past PATH_MAX here"
echo x >"$comp/$comp/x.in" 2>/dev/null
redo-ifchange "$comp/$comp/x.out" 2>err.log
rc=$?
[ $rc -ne 0 ] && [ $rc -lt 128 ] || fail "past PATH_MAX: exit $rc"
grep -v '^redo: ' err.log | grep -v '^redo  ' | grep -q . &&
	fail "past PATH_MAX, messages not from redo: $(cat err.log)"
grep -q '^redo: ' err.log || fail "past PATH_MAX: no message"
cd "$top" || fail "cd top"
ok redo-ifchange all
