/* bcryptprimitives.dll for wine 8, which has none. Rust's std (1.78 and
 * later) imports ProcessPrng from it for every random number, HashMap keys
 * included, so no Rust program starts without it. For tests only:
 * scripts/wine-smoke builds it with mingw-w64 and puts it in a private
 * prefix's system32. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
