# SPEC §1, issue 8 (install): make install honours DESTDIR, PREFIX, BINDIR, MANDIR; one binary plus links; a project builds with the installed commands; make uninstall removes them.
command -v make >/dev/null 2>&1 || skip "make not installed"
command -v cc >/dev/null 2>&1 || skip "no cc on PATH"

# PATH without the harness's redo (or any other); the command names
. "$T_TOP/t/path-without-redo.sh"
names=${redo_names#redo }
clean=$clean_path
mkdir tmp
TMPDIR=$PWD/tmp
export TMPDIR

# a copy of the source tree, so the test never writes into the real one
mkdir src
cp "$T_TOP/Makefile" "$T_TOP/redo.c" "$T_TOP/redo.h" src/ || fail "copy"
if [ -d "$T_TOP/doc" ]; then cp -R "$T_TOP/doc" src/ || fail "copy doc"; fi
pages=$(cd src && ls doc/*.1 2>/dev/null)
top=$PWD
ok make -s -C src redo >make.out 2>&1

inode() { ls -iL "$1" | awk '{print $1}'; }

# check_installed BINDIR MANDIR
check_installed() {
	b=$1
	[ -f "$b/redo" ] && [ ! -h "$b/redo" ] || fail "$b/redo is not a regular file"
	[ -x "$b/redo" ] || fail "$b/redo is not executable"
	for n in $names; do
		[ -h "$b/$n" ] || fail "$b/$n is not a symbolic link"
		assert_eq "$(inode "$b/$n")" "$(inode "$b/redo")" "$n leads to redo"
	done
	regular=0
	for f in "$b"/* "$b"/.[!.]*; do
		[ -f "$f" ] && [ ! -h "$f" ] && regular=$((regular + 1))
	done
	assert_eq "$regular" 1 "regular files in $b (the binary, once)"
	for m in $pages; do
		[ -f "$2/man1/${m#doc/}" ] || fail "${m#doc/} not installed in $2/man1"
	done
}

# check_gone BINDIR MANDIR
check_gone() {
	for n in $redo_names; do
		[ ! -e "$1/$n" ] && [ ! -h "$1/$n" ] || fail "$1/$n left after uninstall"
	done
	for m in $pages; do
		[ ! -e "$2/man1/${m#doc/}" ] || fail "${m#doc/} left after uninstall"
	done
}

# 1. PREFIX and DESTDIR: bin/ and share/man/ below the prefix
dest=$top/dest1
ok make -s -C src install DESTDIR="$dest" PREFIX=/opt/redo >>make.out 2>&1
bindir=$dest/opt/redo/bin
check_installed "$bindir" "$dest/opt/redo/share/man"
# installing again over an existing install works
ok make -s -C src install DESTDIR="$dest" PREFIX=/opt/redo >>make.out 2>&1
check_installed "$bindir" "$dest/opt/redo/share/man"

# a project built with the installed commands
mkdir proj
cd proj || fail "cd proj"
cat >all.do <<'X'
redo-ifchange out.txt
command -v redo-ifchange >where
cat out.txt
X
cat >out.txt.do <<'X'
redo-ifchange in.txt
sed 's/^/got: /' in.txt
X
echo one >in.txt
PATH=$bindir:$clean ok redo
assert_eq "$(cat all)" "got: one" "built with the installed redo"
assert_eq "$(cat where)" "$bindir/redo-ifchange" "the .do ran the installed redo-ifchange"
echo two >in.txt
PATH=$bindir:$clean ok redo-ifchange all
assert_eq "$(cat all)" "got: two" "rebuilt by the installed redo-ifchange"
PATH=$bindir:$clean ok redo-targets >targets
assert_eq "$(sort targets | tr '\n' ' ')" "all out.txt " "redo-targets"
cd "$top" || fail "cd"

ok make -s -C src uninstall DESTDIR="$dest" PREFIX=/opt/redo >>make.out 2>&1
check_gone "$bindir" "$dest/opt/redo/share/man"

# 2. BINDIR and MANDIR given on their own
dest=$top/dest2
ok make -s -C src install DESTDIR="$dest" BINDIR=/x/bin MANDIR=/y/man >>make.out 2>&1
check_installed "$dest/x/bin" "$dest/y/man"
[ ! -e "$dest/usr" ] || fail "something went under the default PREFIX"
ok make -s -C src uninstall DESTDIR="$dest" BINDIR=/x/bin MANDIR=/y/man >>make.out 2>&1
check_gone "$dest/x/bin" "$dest/y/man"
[ -z "$pages" ] && echo "(no doc/*.1 yet: man pages not checked)"
:
