// C library calls that Swift cannot import: they need _GNU_SOURCE (and CPU_SET's macros).
#define _GNU_SOURCE
#include "PartsMapSystemC.h"

void partsmap_sine_cosine(double angle, double *sine, double *cosine) {
#ifdef __GLIBC__
    sincos(angle, sine, cosine);
#else
    *sine = sin(angle);
    *cosine = cos(angle);
#endif
}

#ifdef __linux__
#include <sched.h>

int partsmap_move_off_this_processor(pid_t pid) {
    cpu_set_t allowed;
    if (sched_getaffinity(pid, sizeof allowed, &allowed) != 0) return -1;
    int here = sched_getcpu();
    if (here < 0 || CPU_COUNT(&allowed) < 2 || !CPU_ISSET(here, &allowed)) return 0;
    cpu_set_t others = allowed;
    CPU_CLR(here, &others);
    // Leaving the allowed set moves it now; restoring the set leaves it where it went.
    if (sched_setaffinity(pid, sizeof others, &others) != 0) return -1;
    (void)sched_setaffinity(pid, sizeof allowed, &allowed);
    return 1;
}
#else
int partsmap_move_off_this_processor(pid_t pid) {
    (void)pid;
    return 0;
}
#endif
