/* Prints the Windows clipboard's text (CF_UNICODETEXT) as UTF-8, nothing
 * added: what another program would paste. Run under wine by
 * scripts/wine-smoke to read back what `canned.exe use` copied after it
 * has exited. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    /* Another process may hold the clipboard for a moment: retry. */
    int tries = 0;
    while (!OpenClipboard(NULL)) {
        if (++tries == 50) {
            fprintf(stderr, "paste: cannot open the clipboard (error %lu)\n", GetLastError());
            return 2;
        }
        Sleep(20);
    }
    HANDLE h = GetClipboardData(CF_UNICODETEXT);
    if (!h) {
        fprintf(stderr, "paste: the clipboard holds no text\n");
        CloseClipboard();
        return 3;
    }
    const wchar_t *text = GlobalLock(h);
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
    char *utf8 = malloc(n > 0 ? n : 1);
    if (!utf8 || n <= 0 || !WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, n, NULL, NULL)) {
        fprintf(stderr, "paste: the clipboard's text does not convert to UTF-8\n");
        return 4;
    }
    GlobalUnlock(h);
    CloseClipboard();
    DWORD written;
    /* n counts the terminating NUL. */
    if (n > 1 && !WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), utf8, n - 1, &written, NULL))
        return 5;
    return 0;
}
