#!/bin/sh
# t/fuzz-seed.sh BINARY DIR - a seed corpus for t/fuzz-record, made at run
# time from real records: builds a small project that uses every kind of
# record line (ifchange, ifcreate, always and .do dependencies, redo-stamp
# checksums, built lines, summaries with deep and below lines, failures,
# source markers, a symlink, a directory target, names with newlines and
# backslashes, a hashed name) with BINARY, and copies each record into
# DIR.
set -u
[ $# -eq 2 ] || { echo "usage: t/fuzz-seed.sh BINARY DIR" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
mkdir -p "$2" || exit 2
out=$(cd "$2" && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/redo-seed.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/bin" "$tmp/p" "$tmp/p/sub"
for n in redo redo-ifchange redo-ifcreate redo-always redo-stamp \
	redo-targets redo-sources redo-ood redo-whichdo redo-log redo-recheck; do
	ln -s "$bin" "$tmp/bin/$n"
done
PATH=$tmp/bin:$PATH
export PATH
unset REDO_SESSION REDO_TARGET MAKEFLAGS
cd "$tmp/p" || exit 2

echo src >src
ln -s src link
cat >all.do <<'X'
redo-ifchange stamped sub/deep always dir "odd
name\\x" fails-not /dev/null link
redo-ifcreate not-there
redo sub/forced
echo all
X
cat >stamped.do <<'X'
redo-ifchange src
cat src | redo-stamp
cat src
X
cat >sub/default.do <<'X'
redo-ifchange ../src
echo "$1 $2"
X
cat >always.do <<'X'
redo-always
date
X
cat >dir.do <<'X'
mkdir "$3"
echo x >"$3/x"
X
cat >"odd
name\\x.do" <<'X'
echo odd
X
cat >fails-not.do <<'X'
echo fine
X
cat >broken.do <<'X'
redo-ifchange src
exit 3
X
cat >gone.do <<'X'
echo gone
X
# wide has a summary of more than 64 lines: wp's summary names it with
# a below line
i=0
while [ $i -lt 70 ]; do echo $i >w$i.in; i=$((i + 1)); done
cat >wide.do <<'X'
i=0
while [ $i -lt 70 ]; do redo-ifchange w$i.in; i=$((i + 1)); done
echo wide
X
cat >wp.do <<'X'
redo-ifchange wide
cat wide
X
long=$(awk 'BEGIN { for (i = 0; i < 250; i++) printf "x"; print "" }')
cat >default.long.do <<'X'
echo long
X
redo all >/dev/null 2>&1
redo wp >/dev/null 2>&1
redo broken >/dev/null 2>&1
redo gone >/dev/null 2>&1 && rm gone.do && redo-ifchange gone >/dev/null 2>&1
redo "$long.long" >/dev/null 2>&1
echo 1 >>src
redo-ifchange all >/dev/null 2>&1

i=0
for r in .redo/*,r sub/.redo/*,r; do
	[ -f "$r" ] || continue
	i=$((i + 1))
	cp "$r" "$out/seed-$i"
done
# and a few records redo would never write
printf 'redo-record 9\nend\n' >"$out/seed-future"
printf '' >"$out/seed-empty"
echo "$i records copied to $out"
