/* seg-fuzz.h — what every fuzz target provides and shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fuzz-<target>.c defines LLVMFuzzerTestOneInput().  Built with clang
 * and -fsanitize=fuzzer (build-aux/fuzz) it is a libFuzzer program; built
 * with fuzz-replay.c instead (every build) it replays a corpus directory as a
 * normal test, so inputs that once crashed stay fixed.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

/* Makes GLib criticals and warnings abort: a g_return_if_fail() reached
 * from input is a bug.  Called by each target before its work. */
void  seg_fuzz_init          (void);

/* The input as a NUL-terminated string (bytes after an inner NUL are cut). */
char *seg_fuzz_strndup       (const uint8_t *data,
                              size_t         size);

G_END_DECLS
