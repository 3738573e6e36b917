# clean: remove what the build made.
rm -f hello *.o *.d
