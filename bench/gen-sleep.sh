#!/bin/sh
# bench/gen-sleep.sh DIR [N] - a project of N (default 1000) independent
# targets whose .do sleeps 10 ms, for timing redo -jN (issue 4):
#   DIR/t0001.do ... each: sleep 0.01, then print its name
#   DIR/all.do       redo-ifchange every target
#   DIR/Makefile     'make -jN' runs '+redo all' (redo takes make's tokens)
#   DIR/clean        removes what a build made
# Then e.g.:  cd DIR && ./clean && time redo -j8
set -e
dir=${1:?usage: gen-sleep.sh DIR [N]}
n=${2:-1000}
mkdir -p "$dir"
cd "$dir"
i=1
: >all.do
while [ $i -le "$n" ]; do
	t=$(printf 't%04d' $i)
	printf 'sleep 0.01\necho %s\n' "$t" >$t.do
	echo "$t" >>targets
	i=$((i + 1))
done
{
	echo 'exec redo-ifchange \'
	sed 's/$/ \\/' targets
	echo
} >all.do
rm -f targets
printf 'all:\n\t+redo all\n.PHONY: all\n' >Makefile
printf '#!/bin/sh\ncd "$(dirname "$0")" && rm -rf .redo all t[0-9]*[0-9]\n' >clean
chmod +x clean
