/* seg-engine.c — the engine's one-time set-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_errno.h>

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
