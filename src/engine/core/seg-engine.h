/* seg-engine.h — the engine's one-time set-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GSL's default error handler aborts the process.  seg_engine_init ()
 * replaces it, once, by one that only remembers the reason, so every GSL
 * call returns its status (or NaN) and the engine turns it into a GError.
 * The programs call it at start-up; every public entry point that reaches
 * GSL (loading, analysis, the model fits) calls it too, so a library user
 * cannot forget it.  Calling it again costs one atomic read.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * seg_engine_init:
 *
 * Sets up the engine once per process (GSL reports errors as values, never
 * by aborting).  Safe to call more than once and from any thread.
 */
void      seg_engine_init    (void);
/**
 * seg_engine_use_batch_memory:
 *
 * For a program that runs one job and exits (segmenta-cli), called at the
 * start of main () before any thread: every allocation comes from one heap
 * that is never given back to the system, and its first
 * %SEG_ENGINE_BATCH_HEAP bytes are asked for 2 MiB pages.  On a virtual
 * machine each 4 KiB page fault costs microseconds; a 1M-row log touches
 * tens of megabytes of fresh memory.  Only the address range is reserved:
 * memory is used as before.  Does nothing without glibc, or when called
 * again.
 */
#define SEG_ENGINE_BATCH_HEAP (256u << 20)
void      seg_engine_use_batch_memory (void);
/**
 * seg_engine_gsl_check:
 * @gsl_status: what a GSL function returned
 * @what: what was being computed, in words
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE when @gsl_status is GSL_SUCCESS; otherwise %FALSE with
 *   @error set (SEG_ERROR_INVALID_INPUT): "@what could not be computed:
 *   <GSL's reason>"
 */
gboolean  seg_engine_gsl_check      (int          gsl_status,
                                     const char  *what,
                                     GError     **error);
/**
 * seg_engine_gsl_last_error:
 *
 * Returns: (transfer none) (nullable): the reason GSL gave for its last
 *   error on this thread, or %NULL
 */
const char *seg_engine_gsl_last_error (void);

G_END_DECLS
