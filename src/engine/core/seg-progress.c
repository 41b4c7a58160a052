/* seg-progress.c — progress from a worker thread to the main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-progress"

#include "config.h"

#include "seg-progress.h"

struct _SegProgressRelay
{
  GMutex          lock;
  SegProgressFunc progress;
  gpointer        progress_data;
  GMainContext   *context;
  double          fraction;
  char           *message;
  gboolean        pending;
  gboolean        closed;     /* the job is over: no more callbacks */
  gatomicrefcount ref_count;
};

SegProgressRelay *
seg_progress_relay_new (SegProgressFunc progress,
                        gpointer        progress_data)
{
  SegProgressRelay *relay;

  g_return_val_if_fail (progress != NULL, NULL);

  relay = g_new0 (SegProgressRelay, 1);
  g_mutex_init (&relay->lock);
  g_atomic_ref_count_init (&relay->ref_count);
  relay->progress = progress;
  relay->progress_data = progress_data;
  relay->context = g_main_context_ref_thread_default ();
  return relay;
}

SegProgressRelay *
seg_progress_relay_ref (SegProgressRelay *relay)
{
  g_return_val_if_fail (relay != NULL, NULL);
  g_atomic_ref_count_inc (&relay->ref_count);
  return relay;
}

void
seg_progress_relay_unref (SegProgressRelay *relay)
{
  g_return_if_fail (relay != NULL);
  if (!g_atomic_ref_count_dec (&relay->ref_count))
    return;
  g_mutex_clear (&relay->lock);
  g_main_context_unref (relay->context);
  g_free (relay->message);
  g_free (relay);
}

static gboolean
dispatch_cb (gpointer user_data)
{
  SegProgressRelay *relay = user_data;
  g_autofree char *message = NULL;
  double fraction;
  gboolean closed;

  g_mutex_lock (&relay->lock);
  fraction = relay->fraction;
  message = g_steal_pointer (&relay->message);
  relay->pending = FALSE;
  closed = relay->closed;
  g_mutex_unlock (&relay->lock);
  if (!closed)
    relay->progress (fraction, message, relay->progress_data);
  return G_SOURCE_REMOVE;
}

void
seg_progress_relay_report (double      fraction,
                           const char *message,
                           gpointer    user_data)
{
  SegProgressRelay *relay = user_data;
  gboolean schedule;

  g_return_if_fail (relay != NULL);

  g_mutex_lock (&relay->lock);
  relay->fraction = fraction;
  g_free (relay->message);
  relay->message = g_strdup (message);
  schedule = !relay->pending;
  relay->pending = TRUE;
  g_mutex_unlock (&relay->lock);
  /* An attached source, not g_main_context_invoke (): that runs the callback
   * right here, on the worker, when this thread can acquire the context. */
  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, dispatch_cb, seg_progress_relay_ref (relay),
                             (GDestroyNotify) seg_progress_relay_unref);
      g_source_attach (source, relay->context);
    }
}

void
seg_progress_relay_close (SegProgressRelay *relay)
{
  g_return_if_fail (relay != NULL);
  g_mutex_lock (&relay->lock);
  relay->closed = TRUE;
  g_mutex_unlock (&relay->lock);
}
