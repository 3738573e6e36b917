# clean: remove what the build made.  The state in .redo/ may stay: a
# target whose file is gone is simply rebuilt next time.
rm -f hello ./*.o
