# SPEC §1 (issue 2): make install PREFIX=... DESTDIR=... installs the binary, a link per command name, and the man pages; the installed commands work.
command -v make >/dev/null 2>&1 || skip "no make"
mkdir src
cp "$T_TOP/Makefile" "$T_TOP/redo.c" "$T_TOP/redo.h" src/ || fail "copy"
[ -d "$T_TOP/doc" ] && cp -R "$T_TOP/doc" src/
(cd src && make install PREFIX=/opt/r DESTDIR="$PWD/../dest") >make.out 2>&1 ||
	fail "make install: $(cat make.out)"
b=dest/opt/r/bin
[ -x $b/redo ] || fail "no $b/redo: $(find dest)"
for n in redo-ifchange redo-ifcreate redo-always redo-stamp redo-targets \
	redo-sources redo-ood redo-whichdo redo-log redo-recheck; do
	[ -x $b/$n ] || fail "no $b/$n"
	[ $b/$n -ef $b/redo ] || [ "$(readlink $b/$n)" = redo ] || fail "$n is not redo"
done
for m in src/doc/*.1; do
	[ -e "$m" ] || continue
	[ -f "dest/opt/r/share/man/man1/$(basename "$m")" ] || fail "man page $(basename "$m") not installed"
done
# bash completion (issue 14), for redo and each command name
c=dest/opt/r/share/bash-completion/completions
[ -f $c/redo ] || fail "bash completion not installed: $(find dest)"
[ "$(readlink $c/redo-clean)" = redo ] || fail "no completion link for redo-clean"
# the installed commands build a project
mkdir proj && cd proj || fail cd
do_file all.do <<'X'
redo-ifchange x
cat x
X
do_file x.do <<'X'
echo installed
X
PATH=$PWD/../$b:$PATH redo || fail "installed redo failed"
assert_eq "$(cat all)" installed "built with the installed redo"
