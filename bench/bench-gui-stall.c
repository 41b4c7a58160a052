/* bench-gui-stall.c — the longest stall of the main loop while the real window
 * loads and analyses a file and its dashboard appears (issue "Performance":
 * never more than 50 ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (needs a display, e.g. under xvfb-run):
 *   bench-gui-stall [OPTION…] FILE…
 *     --methods LIST   analyse only these (segmenta-cli's --method list)
 *     --clv METHOD     CLV method (historical, rfm-proxy, formula, bgnbd, auto)
 *     --settle MS      how long each pane is shown once the result is in (1500)
 *     --no-panes       stay on the pane the window shows; do not visit the others
 *     --trace MS       print every stall longer than MS with its phase, each
 *                      slow frame's layout and drawing (wall and main-thread
 *                      CPU, and the page faults it took) and stack samples;
 *                      the start time lines it up with `perf record -k mono`
 * A 1 ms timeout records how late each dispatch is; the worst lateness is
 * the longest time the main loop could not answer the user.  Once the
 * analysis is in, every dashboard pane is shown in turn for --settle ms, so
 * the drawing of every chart is measured too.  Prints the maximum, the 99th
 * percentile, the worst stall of each phase and the load and analysis times.
 */
#define _GNU_SOURCE   /* RUSAGE_THREAD */

#include "config.h"

#include <adwaita.h>
#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "seg-application.h"
#include "seg-window.h"

typedef enum
{
  PHASE_LOAD,
  PHASE_ANALYSIS,
  PHASE_DASHBOARD,
  N_PHASES
} Phase;

static const char *const phase_names[N_PHASES] = { "loading", "analysing", "dashboard" };
static const char *const panes[] = { "overview", "segments", "rfm", "clusters", "churn", "data" };

typedef struct
{
  gint64     last;
  gint64     last_cpu;   /* the main thread's CPU time at the last tick, µs */
  GArray    *gaps;       /* gint64 µs between dispatches */
  gint64     worst[N_PHASES];
  gint64     worst_cpu[N_PHASES];   /* main-thread CPU time within one gap */
  gint64     start;
  gint64     loaded_at;
  gint64     analysed_at;
  gint64     pane_since;
  guint      pane;
  gboolean   seen_busy;
  Phase      phase;
  SegWindow *window;

  /* options */
  char      *methods;
  char      *clv;
  gint64     settle_us;
  gboolean   visit_panes;
  gint64     trace_us;

  /* --trace: where the time of each frame goes */
  GdkFrameClock *clock;
  gint64     frame_start;
  gint64     layout_done;
  gint64     frame_start_cpu;   /* the main thread's CPU time then */
  gint64     layout_done_cpu;
  long       frame_start_faults;   /* the main thread's minor page faults then */

  /* --trace: a watchdog thread samples the main thread's stack in a stall */
  pthread_t  main_thread;
  gint64     last_atomic;   /* p->last, for the watchdog */
  gboolean   done;
} Probe;

static void
stack_sample_handler (int signum)
{
  void *frames[1024];
  int n = backtrace (frames, G_N_ELEMENTS (frames));
  static const char head[] = "  main thread is in:\n";

  if (write (STDOUT_FILENO, head, sizeof head - 1) < 0)
    return;
  /* skip this handler and the signal trampoline */
  backtrace_symbols_fd (frames + 2, MAX (n - 2, 0), STDOUT_FILENO);
}

/* Every 20 ms of a stall longer than --trace, one stack sample. */
static gpointer
watchdog_thread (gpointer data)
{
  Probe *p = data;
  gint64 sampled_for = 0, last_sample = 0;

  while (!g_atomic_int_get (&p->done))
    {
      gint64 last = __atomic_load_n (&p->last_atomic, __ATOMIC_RELAXED);
      gint64 now = g_get_monotonic_time ();

      g_usleep (5000);
      if (last == 0 || now - last < p->trace_us)
        continue;
      if (sampled_for == last && now - last_sample < 20000)
        continue;
      sampled_for = last;
      last_sample = now;
      fflush (stdout);
      pthread_kill (p->main_thread, SIGUSR1);
    }
  return NULL;
}

/* The CPU time the main thread has used, µs.  On a shared machine a stall's
 * wall time includes the time other processes had the core; the main
 * thread's own CPU time within the stall is the work it did. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The main thread's minor page faults so far: on a virtual machine the
 * first touch of a frame's new buffers can cost more than the drawing. */
static long
thread_faults (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_THREAD, &usage) != 0)
    return 0;
  return usage.ru_minflt;
}

static void
record_gap (Probe  *p,
            gint64  now,
            gint64  cpu)
{
  gint64 gap = now - p->last;
  gint64 busy = cpu - p->last_cpu;

  g_array_append_val (p->gaps, gap);
  p->worst[p->phase] = MAX (p->worst[p->phase], gap);
  p->worst_cpu[p->phase] = MAX (p->worst_cpu[p->phase], busy);
  if (p->trace_us > 0 && (gap > p->trace_us || busy > p->trace_us))
    printf ("stall %.1f ms (main thread CPU %.1f ms) at %.2f s (%s%s%s)\n", gap / 1000.0, busy / 1000.0,
            (now - p->start) / 1e6,
            phase_names[p->phase], p->phase == PHASE_DASHBOARD ? ", pane " : "",
            p->phase == PHASE_DASHBOARD ? panes[MIN (p->pane, G_N_ELEMENTS (panes) - 1)] : "");
}

/* GTK's own layout and paint handlers were connected first, so these run
 * right after them: before-paint → layout is GTK's layout, layout → paint
 * is the snapshot and the rendering. */
static void
before_paint_cb (GdkFrameClock *clock,
                 Probe         *p)
{
  p->frame_start = g_get_monotonic_time ();
  p->frame_start_cpu = thread_cpu_us ();
  p->frame_start_faults = thread_faults ();
  p->layout_done = 0;
}

static void
layout_cb (GdkFrameClock *clock,
           Probe         *p)
{
  p->layout_done = g_get_monotonic_time ();
  p->layout_done_cpu = thread_cpu_us ();
}

static void
paint_cb (GdkFrameClock *clock,
          Probe         *p)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gint64 layout_at = p->layout_done ? p->layout_done : p->frame_start;
  gint64 layout_cpu = p->layout_done ? p->layout_done_cpu : p->frame_start_cpu;

  if (p->frame_start != 0 && (now - p->frame_start > p->trace_us || cpu - p->frame_start_cpu > p->trace_us / 2))
    printf ("  frame at %.2f s: layout %.1f ms (CPU %.1f), snapshot + render %.1f ms (CPU %.1f), "
            "%ld page faults\n",
            (now - p->start) / 1e6, (layout_at - p->frame_start) / 1000.0,
            (layout_cpu - p->frame_start_cpu) / 1000.0, (now - layout_at) / 1000.0, (cpu - layout_cpu) / 1000.0,
            thread_faults () - p->frame_start_faults);
}

static void
watch_frames (Probe *p)
{
  GdkSurface *surface;

  if (p->clock != NULL || p->trace_us == 0 ||
      !gtk_widget_get_realized (GTK_WIDGET (p->window)))
    return;
  surface = gtk_native_get_surface (GTK_NATIVE (p->window));
  p->clock = gdk_surface_get_frame_clock (surface);
  g_signal_connect (p->clock, "before-paint", G_CALLBACK (before_paint_cb), p);
  g_signal_connect (p->clock, "layout", G_CALLBACK (layout_cb), p);
  g_signal_connect (p->clock, "paint", G_CALLBACK (paint_cb), p);
}

/* Shows the next pane every settle_us; FALSE when all were shown. */
static gboolean
advance_dashboard (Probe  *p,
                   gint64  now)
{
  if (now - p->pane_since < p->settle_us)
    return TRUE;
  if (!p->visit_panes || p->pane + 1 >= G_N_ELEMENTS (panes))
    return FALSE;
  p->pane++;
  p->pane_since = now;
  seg_window_show_pane (p->window, panes[p->pane]);
  return TRUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  Probe *p = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gboolean loading, busy;

  if (p->last != 0)
    record_gap (p, now, cpu);
  p->last = now;
  p->last_cpu = cpu;
  __atomic_store_n (&p->last_atomic, now, __ATOMIC_RELAXED);
  if (p->window == NULL)
    return G_SOURCE_CONTINUE;
  watch_frames (p);

  loading = seg_window_is_loading (p->window);
  busy = loading || seg_window_is_analysing (p->window);
  if (busy)
    p->seen_busy = TRUE;
  if (p->seen_busy && p->loaded_at == 0 && !loading)
    {
      p->loaded_at = now;
      p->phase = PHASE_ANALYSIS;
    }
  if (p->phase != PHASE_DASHBOARD && p->seen_busy && !busy && seg_window_get_result (p->window) != NULL)
    {
      p->analysed_at = now;
      p->phase = PHASE_DASHBOARD;
      p->pane_since = now;
      p->pane = 0;
      if (p->visit_panes)
        seg_window_show_pane (p->window, panes[0]);
    }
  if (p->phase == PHASE_DASHBOARD && !advance_dashboard (p, now))
    {
      g_application_quit (g_application_get_default ());
      return G_SOURCE_REMOVE;
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

static gboolean
set_options (Probe   *p,
             GError **error)
{
  SegAnalysisOptions options;
  gboolean ok = TRUE;

  if (p->methods == NULL && p->clv == NULL)
    return TRUE;
  seg_analysis_options_copy (seg_window_get_analysis_options (p->window), &options);
  if (p->methods != NULL)
    ok = seg_methods_parse (p->methods, &options.methods, error);
  if (ok && p->clv != NULL && !seg_clv_method_parse (p->clv, &options.clv_method))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unknown CLV method “%s”", p->clv);
      ok = FALSE;
    }
  /* no dataset yet, so this only stores the options for the coming analysis */
  if (ok)
    seg_window_set_analysis_options (p->window, &options);
  seg_analysis_options_clear (&options);
  return ok;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  Probe *p = user_data;
  char **paths = g_object_get_data (G_OBJECT (app), "paths");
  g_autoptr(GError) error = NULL;

  p->window = SEG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (!set_options (p, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      g_application_quit (app);
      return;
    }
  p->start = g_get_monotonic_time ();
  /* the clock of `perf record -k mono`: lines a profile up with the stalls */
  if (p->trace_us > 0)
    printf ("start at %.6f s (CLOCK_MONOTONIC)\n", p->start / 1e6);
  seg_window_open_paths (p->window, (const char * const *) paths);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 1, tick_cb, p, NULL);
}

static void
print_report (Probe *p)
{
  guint n = p->gaps->len;
  gint64 worst, p99;

  g_array_sort (p->gaps, cmp_gint64);
  worst = g_array_index (p->gaps, gint64, n - 1);
  p99 = g_array_index (p->gaps, gint64, (guint) (0.99 * (n - 1)));
  printf ("ticks %u  longest stall %.1f ms  p99 %.1f ms  load %.2f s  load+analysis %.2f s\n",
          n, worst / 1000.0, p99 / 1000.0,
          p->loaded_at ? (p->loaded_at - p->start) / 1e6 : 0.0,
          p->analysed_at ? (p->analysed_at - p->start) / 1e6 : 0.0);
  printf ("longest stall while loading %.1f ms  analysing %.1f ms  showing the dashboard %.1f ms\n",
          p->worst[PHASE_LOAD] / 1000.0, p->worst[PHASE_ANALYSIS] / 1000.0,
          p->worst[PHASE_DASHBOARD] / 1000.0);
  printf ("longest main-thread CPU within one stall: loading %.1f ms  analysing %.1f ms  "
          "showing the dashboard %.1f ms\n",
          p->worst_cpu[PHASE_LOAD] / 1000.0, p->worst_cpu[PHASE_ANALYSIS] / 1000.0,
          p->worst_cpu[PHASE_DASHBOARD] / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SegApplication) app = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Probe probe = { 0 };
  int settle_ms = 1500, trace_ms = 0;
  gboolean no_panes = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "methods", 0, 0, G_OPTION_ARG_STRING, &probe.methods, "Methods to run", "LIST" },
    { "clv", 0, 0, G_OPTION_ARG_STRING, &probe.clv, "CLV method", "METHOD" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle_ms, "Time each pane is shown (1500)", "MS" },
    { "no-panes", 0, 0, G_OPTION_ARG_NONE, &no_panes, "Do not visit the dashboard panes", NULL },
    { "trace", 0, 0, G_OPTION_ARG_INT, &trace_ms, "Print stalls longer than MS", "MS" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE…" },
    { NULL }
  };

  context = g_option_context_new ("FILE… — main-loop stalls while the window loads FILE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || files == NULL)
    {
      fprintf (stderr, "%s\n", error ? error->message : "usage: bench-gui-stall [OPTION…] FILE…");
      return 2;
    }
  probe.settle_us = (gint64) MAX (settle_ms, 0) * 1000;
  probe.trace_us = (gint64) MAX (trace_ms, 0) * 1000;
  probe.visit_panes = !no_panes;
  probe.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (probe.trace_us > 0)
    {
      void *warm[4];
      backtrace (warm, 4);   /* loads libgcc before any signal */
      probe.main_thread = pthread_self ();
      signal (SIGUSR1, stack_sample_handler);
      g_thread_unref (g_thread_new ("watchdog", watchdog_thread, &probe));
    }
  app = seg_application_new ();
  g_object_set_data (G_OBJECT (app), "paths", files);
  /* run after the application's own activate has made the window */
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &probe);
  g_application_run (G_APPLICATION (app), 1, argv);
  g_atomic_int_set (&probe.done, TRUE);

  if (probe.gaps->len == 0)
    {
      fprintf (stderr, "no main-loop ticks were recorded\n");
      return 1;
    }
  print_report (&probe);
  g_array_unref (probe.gaps);
  g_free (probe.methods);
  g_free (probe.clv);
  return 0;
}
