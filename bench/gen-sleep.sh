#!/bin/sh
# bench/gen-sleep.sh DIR [N [SECONDS]] - a project of N (default 1000)
# independent targets whose .do sleeps SECONDS (default 0.01), for timing
# redo -jN (issues 4 and 17):
#   DIR/t0001.do ... each: sleep SECONDS, then print its name
#   DIR/all.do       redo-ifchange every target
#   DIR/Makefile     'make -jN' runs '+redo all' (redo takes make's tokens)
#   DIR/native.mk    the same sleeps as make rules: 'make -f native.mk -jN'
#   DIR/clean        removes what a build made (by either)
# Then e.g.:  cd DIR && ./clean && time redo -j8
set -e
dir=${1:?usage: gen-sleep.sh DIR [N]}
n=${2:-1000}
secs=${3:-0.01}
mkdir -p "$dir"
cd "$dir"
i=1
: >all.do
while [ $i -le "$n" ]; do
	t=$(printf 't%04d' $i)
	printf 'sleep %s\necho %s\n' "$secs" "$t" >$t.do
	echo "$t" >>targets
	i=$((i + 1))
done
{
	echo 'exec redo-ifchange \'
	sed 's/$/ \\/' targets
	echo
} >all.do
{
	printf 'all:'
	sed 's/^/ /' targets | tr -d '\n'
	echo
	awk -v s="$secs" '{ printf "%s:\n\tsleep %s; echo %s >$@\n", $0, s, $0 }' targets
	echo '.PHONY: all'
} >native.mk
rm -f targets
printf 'all:\n\t+redo all\n.PHONY: all\n' >Makefile
printf '#!/bin/sh\ncd "$(dirname "$0")" && rm -rf .redo all t[0-9]*[0-9]\n' >clean
chmod +x clean
