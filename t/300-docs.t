# issue 8 (and issue 2, SPEC §13): every command has a man page in doc/ that groff -man -ww (and mandoc -Tlint, if installed) accept without a warning; redo.1 lists every exit code; DESIGN.md names the record version; README gives `make test`.
doc=$T_TOP/doc

# The command names, as the code knows them (the g_commands table), and as
# the Makefile installs them.
names=$(sed -n '/g_commands\[\] = {/,/^};/p' "$T_TOP/redo.c" |
	sed -n 's/^[[:space:]]*{ "\(redo[a-z-]*\)".*/\1/p')
[ -n "$names" ] || fail "could not read the command names from redo.c"
case " $(echo $names) " in
*" redo "*"redo-ifchange"*) ;;
*) fail "odd command list from redo.c: $names" ;;
esac
# mkvar VAR: the words of a (possibly continued) Makefile variable
mkvar() {
	awk -v v="$1" '$0 ~ "^" v " *=" { on = 1 }
		on { print; if ($0 !~ /\\$/) exit }' "$T_TOP/Makefile" |
		sed "s/^$1 *=//; s/\\\\\$//"
}
mk=$(mkvar NAMES)
[ -n "$mk" ] || fail "could not read NAMES from the Makefile"
for n in $names $mk; do
	[ -f "$doc/$n.1" ] || fail "no man page doc/$n.1 for the command $n"
done
mp=$(mkvar MANPAGES)
[ -n "$mp" ] || fail "could not read MANPAGES from the Makefile"
for m in $mp; do
	[ -f "$T_TOP/$m" ] || fail "the Makefile installs $m, which does not exist"
done

# Each page: the sections a reader expects, and SEE ALSO entries that
# exist.
for n in $names; do
	p=$doc/$n.1
	for s in NAME SYNOPSIS DESCRIPTION ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		grep -q "^\.SH \"*$s\"*\$" "$p" || fail "$n.1 has no $s section"
	done
	for ref in $(sed -n 's/^\.BR \(redo[a-z\\-]*\) (1).*/\1/p' "$p" |
		sed 's/\\-/-/g'); do
		[ -f "$doc/$ref.1" ] || fail "$n.1 refers to $ref(1), which does not exist"
	done
done

# redo.1 holds the whole exit-code table of redo.h.
codes=$(sed -n '/^enum redo_exit {/,/^};/p' "$T_TOP/redo.h" |
	sed -n 's/.*= *\([0-9][0-9]*\).*/\1/p')
[ -n "$codes" ] || fail "could not read enum redo_exit from redo.h"
for c in $codes; do
	grep -qx "\.B $c" "$doc/redo.1" || fail "redo.1 does not explain exit code $c"
done

# DESIGN.md documents the record format version the code writes.
v=$(sed -n 's/^#define RECORD_VERSION \([0-9]*\).*/\1/p' "$T_TOP/redo.h")
grep -q "^redo-record $v\$" "$doc/DESIGN.md" ||
	fail "doc/DESIGN.md does not show the format line 'redo-record $v'"

# README: the quick start's test command.
grep -q 'make test' "$T_TOP/README" || fail "README does not mention 'make test'"

# The formatters.  mandoc is optional; groff is what the test needs.
if command -v mandoc >/dev/null 2>&1; then
	for n in $names; do
		out=$(mandoc -Tlint "$doc/$n.1" 2>&1)
		[ -z "$out" ] || fail "mandoc -Tlint $n.1: $out"
	done
fi
command -v groff >/dev/null 2>&1 ||
	skip "groff is not installed: man pages exist but were not checked with groff -man -ww"
for n in $names; do
	out=$(groff -man -ww -z "$doc/$n.1" 2>&1)
	[ -z "$out" ] || fail "groff -man -ww $n.1: $out"
done
exit 0
