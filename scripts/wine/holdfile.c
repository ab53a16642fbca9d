/* holdfile PATH MILLISECONDS SHARE: opens PATH as another program would (an
 * antivirus or a backup reading it, an editor), sharing it only as SHARE
 * says (a FILE_SHARE_* mask: 0 for none, 3 for read and write but not
 * delete), says "holding" on stdout once it holds it, and lets go after
 * MILLISECONDS. Run under wine by scripts/wine-smoke. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: holdfile PATH MILLISECONDS SHARE\n");
        return 2;
    }
    HANDLE h = CreateFileA(argv[1], GENERIC_READ, strtoul(argv[3], NULL, 0), NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "holdfile: cannot open %s (error %lu)\n", argv[1], GetLastError());
        return 2;
    }
    printf("holding\n");
    fflush(stdout);
    Sleep(strtoul(argv[2], NULL, 10));
    CloseHandle(h);
    return 0;
}
