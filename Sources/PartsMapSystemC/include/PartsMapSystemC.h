#ifndef PARTSMAP_SYSTEM_C_H
#define PARTSMAP_SYSTEM_C_H

#include <sys/types.h>
#include <math.h>

/// The sine and cosine of `angle` in one call where the C library has one (glibc's `sincos`,
/// the same values as `sin` and `cos`, in about half the time): the clinical layout's search
/// places thousands of parts by angle.
void partsmap_sine_cosine(double angle, double *sine, double *cosine);

/// Moves the process `pid`, just started, to another processor than the caller's, then lets it
/// run anywhere again. Returns 1 if it moved it, 0 if there was nothing to do (one processor,
/// not Linux), -1 if the system refused.
int partsmap_move_off_this_processor(pid_t pid);

#endif
