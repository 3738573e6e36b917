# issue 14: the bash completion (doc/redo.bash-completion, installed by make install) completes each command's options (from its --help) and the targets in reach: NAME.do files, and what redo-targets lists, in the directory being completed; names with spaces come back whole.
command -v bash >/dev/null 2>&1 || skip "bash not installed: completion not checked"
comp=$T_TOP/doc/redo.bash-completion
[ -f "$comp" ] || fail "no $comp"
# complete WORD...: the candidates for the last word, one per line, sorted
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_redo; printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" "$@" | sort
}
do_file hello.do <<'X'
echo hi
X
do_file default.o.do <<'X'
echo o
X
mkdir sub
do_file 'sub/two words.do' <<'X'
echo two
X
ok redo hello main.o 2>/dev/null
assert_eq "$(complete_words redo --no-c)" "--no-color" "redo --no-c"
assert_eq "$(complete_words redo --dr)" "--dry-run" "redo --dr"
assert_eq "$(complete_words redo-log -)" "$(printf -- '--follow\n--help\n--html\n--recursive\n--timings\n--trace\n--unchanged\n--version\n-f\n-h\n-r\n-u')" "redo-log -"
assert_eq "$(complete_words redo-clean --s)" "--state" "redo-clean --s"
complete_words redo -- >out
for o in --jobs --keep-going --always-make --question --debug-pids --help; do
	grep -qx -- "$o" out || fail "redo -- does not offer $o: $(cat out)"
done
# targets: hello (hello.do), main.o (built, from default.o.do), sub/
complete_words redo "" >out
printf 'hello\nmain.o\nsub/\n' >want
cmp -s out want || fail "redo <TAB>: $(cat out)"
assert_eq "$(complete_words redo h)" hello "redo h"
assert_eq "$(complete_words redo sub/t)" "sub/two words" "a name with a space"
assert_eq "$(complete_words redo-ifchange ma)" main.o "redo-ifchange ma"
# redo-ifchange takes no options: a dash word is a name
: >-dash
assert_eq "$(complete_words redo-ifchange -d)" -dash "redo-ifchange -d"
exit 0
