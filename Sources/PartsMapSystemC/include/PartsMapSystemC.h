#ifndef PARTSMAP_SYSTEM_C_H
#define PARTSMAP_SYSTEM_C_H

#include <sys/types.h>

/// Moves the process `pid`, just started, to another processor than the caller's, then lets it
/// run anywhere again. Returns 1 if it moved it, 0 if there was nothing to do (one processor,
/// not Linux), -1 if the system refused.
int partsmap_move_off_this_processor(pid_t pid);

#endif
