/* bench-gui-stall.c — the longest stall of the main loop while the real window
 * loads and analyses a file (issue "Performance": never more than 50 ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (needs a display, e.g. under xvfb-run):
 *   bench-gui-stall FILE…
 * A 1 ms timeout records how late each dispatch is; the worst lateness is
 * the longest time the main loop could not answer the user.  Prints the
 * maximum, the 99th percentile and the load and analysis times.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "seg-application.h"
#include "seg-window.h"

typedef struct
{
  gint64   last;
  GArray  *gaps;       /* gint64 µs between dispatches */
  gint64   start;
  gint64   loaded_at;
  gboolean seen_busy;
  SegWindow *window;
} Probe;

static gboolean
tick_cb (gpointer user_data)
{
  Probe *p = user_data;
  gint64 now = g_get_monotonic_time ();

  if (p->last != 0)
    {
      gint64 gap = now - p->last;
      g_array_append_val (p->gaps, gap);
    }
  p->last = now;
  if (p->window != NULL)
    {
      gboolean busy = seg_window_is_loading (p->window) || seg_window_is_analysing (p->window);
      if (busy)
        p->seen_busy = TRUE;
      if (p->seen_busy && p->loaded_at == 0 && !seg_window_is_loading (p->window))
        p->loaded_at = now;
      if (p->seen_busy && !busy && seg_window_get_result (p->window) != NULL)
        {
          g_application_quit (g_application_get_default ());
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static int
cmp_gint64 (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  Probe *p = user_data;
  char **paths = g_object_get_data (G_OBJECT (app), "paths");

  p->window = SEG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  p->start = g_get_monotonic_time ();
  seg_window_open_paths (p->window, (const char * const *) paths);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 1, tick_cb, p, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SegApplication) app = NULL;
  Probe probe = { 0 };
  gint64 worst, p99;
  guint n;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE…\n", argv[0]);
      return 2;
    }
  probe.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  app = seg_application_new ();
  g_object_set_data (G_OBJECT (app), "paths", argv + 1);
  /* run after the application's own activate has made the window */
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &probe);
  g_application_run (G_APPLICATION (app), 1, argv);

  n = probe.gaps->len;
  if (n == 0)
    {
      fprintf (stderr, "no main-loop ticks were recorded\n");
      return 1;
    }
  g_array_sort (probe.gaps, cmp_gint64);
  worst = g_array_index (probe.gaps, gint64, n - 1);
  p99 = g_array_index (probe.gaps, gint64, (guint) (0.99 * (n - 1)));
  printf ("ticks %u  longest stall %.1f ms  p99 %.1f ms  load %.2f s  load+analysis %.2f s\n",
          n, worst / 1000.0, p99 / 1000.0,
          probe.loaded_at ? (probe.loaded_at - probe.start) / 1e6 : 0.0,
          (probe.last - probe.start) / 1e6);
  g_array_unref (probe.gaps);
  return 0;
}
