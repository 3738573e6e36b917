#!/bin/sh
# bench/setup.sh - make sure the benchmark's tools are here: GNU make, ninja,
# GNU time (/usr/bin/time), a C compiler.  As root on Debian/Ubuntu it installs
# what is missing with apt-get; otherwise it says what to install.
# For `make bench-profile` also valgrind and strace: bench/setup.sh profile
set -u
want="make:make ninja:ninja-build /usr/bin/time:time cc:gcc awk:gawk"
[ "${1:-}" = profile ] && want="$want valgrind:valgrind strace:strace"
missing=
for w in $want; do
	command -v "${w%%:*}" >/dev/null 2>&1 || missing="$missing ${w#*:}"
done
[ -n "$missing" ] || exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "bench: installing$missing" >&2
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2 && exit 0
	echo "bench: apt-get failed" >&2
fi
echo "bench: missing$missing; install them, e.g.: sudo apt-get install$missing" >&2
exit 1
