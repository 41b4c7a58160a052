/* seg-engine.c — the engine's one-time set-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "seg-engine.h"
#include "seg-error.h"

static GPrivate last_error = G_PRIVATE_INIT (g_free);

/* GSL calls this instead of aborting; the caller sees the status. */
static void
on_gsl_error (const char *reason,
              const char *file,
              int         line,
              int         gsl_errno)
{
  g_private_replace (&last_error, g_strdup_printf ("%s (%s)", reason, gsl_strerror (gsl_errno)));
  g_debug ("GSL error %d at %s:%d: %s", gsl_errno, file, line, reason);
}

void
seg_engine_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      gsl_set_error_handler (on_gsl_error);
      g_once_init_leave (&done, 1);
    }
}

void
seg_engine_use_batch_memory (void)
{
#if defined(__GLIBC__) && defined(M_TOP_PAD) && defined(M_ARENA_MAX) && defined(MADV_HUGEPAGE)
  static gsize done = 0;
  const guintptr huge = (guintptr) 2 << 20;
  guintptr start, end;
  char *before, *after;
  void *volatile probe;   /* a malloc () and free () of nothing used would be left out */

  if (!g_once_init_enter (&done))
    return;
  /* one arena: the threads' allocations come from the same advised heap;
   * they allocate per block or per customer, never per row */
  mallopt (M_ARENA_MAX, 1);
  /* big arrays from the heap too, and nothing trimmed: memory freed is
   * used again without faulting its pages in a second time */
  mallopt (M_MMAP_THRESHOLD, 32 << 20);
  mallopt (M_TRIM_THRESHOLD, G_MAXINT);
  /* grow the heap once by the whole range, then advise it: the kernel
   * gives 2 MiB pages to the parts that are touched (transparent huge
   * pages in madvise mode, the default of most distributions) */
  mallopt (M_TOP_PAD, (int) SEG_ENGINE_BATCH_HEAP);
  before = sbrk (0);
  probe = malloc (256 << 10);
  after = sbrk (0);
  free (probe);
  mallopt (M_TOP_PAD, 1 << 20);
  start = ((guintptr) before + huge - 1) & ~(huge - 1);
  end = (guintptr) after & ~(huge - 1);
  if (before != (char *) -1 && after != (char *) -1 && end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
  g_once_init_leave (&done, 1);
#endif
}

const char *
seg_engine_gsl_last_error (void)
{
  return g_private_get (&last_error);
}

gboolean
seg_engine_gsl_check (int          gsl_status,
                      const char  *what,
                      GError     **error)
{
  const char *reason;

  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (gsl_status == GSL_SUCCESS)
    return TRUE;
  reason = seg_engine_gsl_last_error ();
  g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT, _("%s could not be computed: %s"),
               what, reason != NULL ? reason : gsl_strerror (gsl_status));
  return FALSE;
}
