/* A stand-in editor: appends its arguments, one per line, to the file
 * EDITOR_LOG names, then exits 0. Installed by scripts/wine-smoke under a
 * path with spaces, and as a .cmd beside it, to check how canned.exe runs
 * $EDITOR on Windows. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    const char *log = getenv("EDITOR_LOG");
    FILE *f = log ? fopen(log, "ab") : NULL;
    if (!f) {
        fprintf(stderr, "editor: EDITOR_LOG is not a file to write\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        fprintf(f, "%s\n", argv[i]);
    fclose(f);
    return 0;
}
