/* test-job.c — the one way engine work runs on a worker (seg-job.c) and
 * reports progress (seg-progress.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "seg-job.h"
#include "seg-parallel.h"
#include "seg-progress.h"

#define N_REPORTS 1000

typedef struct
{
  /* set on the worker, read by the test */
  gint      reported;     /* every report made */
  gint      go;           /* the test lets the job end */
  gint      freed;        /* the value was freed */
  GThread  *freed_in;     /* the thread that freed the value */
  GThread  *data_freed_in;   /* the thread that freed the job's data */
  gboolean  fail;
  /* main context only */
  guint     n_progress;
  double    last_fraction;
  char     *last_message;
  gboolean  done;
  gboolean  progress_after_done;
  gpointer  value;
  GError   *error;
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_free (f->last_message);
  g_clear_error (&f->error);
}

static void
value_free (gpointer value)
{
  Fixture *f = value;

  f->freed_in = g_thread_self ();
  g_atomic_int_set (&f->freed, 1);
}

static void
data_free (gpointer data)
{
  Fixture *f = data;

  f->data_freed_in = g_thread_self ();
}

static gpointer
reporting_job (gpointer         data,
               GCancellable    *cancellable,
               SegProgressFunc  progress,
               gpointer         progress_data,
               GError         **error)
{
  Fixture *f = data;

  for (guint i = 1; progress != NULL && i <= N_REPORTS; i++)
    {
      g_autofree char *message = g_strdup_printf ("step %u", i);
      progress ((double) i / N_REPORTS, message, progress_data);
    }
  g_atomic_int_set (&f->reported, 1);
  while (!g_atomic_int_get (&f->go) && !g_cancellable_is_cancelled (cancellable))
    g_thread_yield ();
  if (f->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the input is bad");
      return NULL;
    }
  return f;
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Fixture *f = user_data;

  f->n_progress++;
  f->last_fraction = fraction;
  g_free (f->last_message);
  f->last_message = g_strdup (message);
  if (f->done)
    f->progress_after_done = TRUE;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  f->value = seg_job_run_finish (result, reporting_job, &f->error);
  f->done = TRUE;
}

static void
run_until_done (Fixture *f)
{
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
  /* anything still queued would run now */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A thousand reports while the main loop is busy reach it as one call, with
 * the latest fraction and message; the value comes back through finish. */
static void
test_progress_coalesced (void)
{
  Fixture f = { 0 };

  seg_job_run_async (reporting_job, &f, NULL, value_free, reporting_job, NULL, progress_cb, &f, done_cb, &f);
  /* the main context is not iterated until every report is made */
  while (!g_atomic_int_get (&f.reported))
    g_thread_yield ();
  while (f.n_progress == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f.n_progress, ==, 1);
  g_assert_cmpfloat (f.last_fraction, ==, 1.0);
  g_assert_cmpstr (f.last_message, ==, "step 1000");
  g_atomic_int_set (&f.go, 1);
  run_until_done (&f);
  g_assert_no_error (f.error);
  g_assert_true (f.value == &f);
  g_assert_cmpuint (f.n_progress, ==, 1);
  g_assert_false (f.progress_after_done);
  g_assert_false (g_atomic_int_get (&f.freed));
  fixture_clear (&f);
}

/* A failed job's error comes back as it was set. */
static void
test_error (void)
{
  Fixture f = { 0 };

  f.fail = TRUE;
  f.go = 1;
  seg_job_run_async (reporting_job, &f, NULL, value_free, reporting_job, NULL, NULL, NULL, done_cb, &f);
  run_until_done (&f);
  g_assert_null (f.value);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (f.error->message, ==, "the input is bad");
  g_assert_cmpuint (f.n_progress, ==, 0);   /* none asked for */
  fixture_clear (&f);
}

/* A cancelled job's value is stale: finish says so and the value is freed. */
static void
test_cancelled (void)
{
  Fixture f = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  seg_job_run_async (reporting_job, &f, NULL, value_free, reporting_job, cancellable, progress_cb, &f,
                     done_cb, &f);
  while (!g_atomic_int_get (&f.reported))
    g_thread_yield ();
  g_cancellable_cancel (cancellable);
  run_until_done (&f);
  g_assert_null (f.value);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* freed with the task, in this thread, once the main loop drops it */
  while (!g_atomic_int_get (&f.freed))
    {
      g_main_context_iteration (NULL, FALSE);
      g_thread_yield ();
    }
  g_assert_false (f.progress_after_done);
  fixture_clear (&f);
}

/* What the job was given and a value nobody finished are freed in the
 * thread that started the job, never in the worker: the task, its
 * sources are made and released there too, and it hangs no handler on the
 * caller's cancellable (GTask's threads connect one in the caller and
 * disconnect it in the worker, which ThreadSanitizer reports: see
 * build-aux/test-deep). */
static void
test_freed_in_caller (void)
{
  Fixture f = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  seg_job_run_async (reporting_job, &f, data_free, value_free, reporting_job, cancellable, progress_cb, &f,
                     done_cb, &f);
  while (!g_atomic_int_get (&f.reported))
    g_thread_yield ();
  /* the job waits for the cancel: nothing of GIO's hangs on the
   * cancellable meanwhile, to be disconnected from the worker */
  g_assert_false (g_signal_has_handler_pending (cancellable, g_signal_lookup ("cancelled", G_TYPE_CANCELLABLE),
                                                0, FALSE));
  g_cancellable_cancel (cancellable);
  run_until_done (&f);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* the worker is done with the job before it is handed back */
  g_assert_true (g_atomic_int_get (&f.freed));
  g_assert_true (f.freed_in == g_thread_self ());
  g_assert_true (f.data_freed_in == g_thread_self ());
  fixture_clear (&f);
}

/* A job that has done its work when the cancel comes: a lasting job (a file
 * written) keeps its value, so the window can say "Saved"; an ordinary one
 * (a load) drops it. */
static void
test_late_cancel (void)
{
  for (guint lasting = 0; lasting < 2; lasting++)
    {
      Fixture f = { 0 };
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      f.go = 1;   /* the job ends without looking at the cancellable */
      if (lasting)
        seg_job_run_lasting_async (reporting_job, &f, NULL, value_free, reporting_job, cancellable, NULL, NULL,
                                   done_cb, &f);
      else
        seg_job_run_async (reporting_job, &f, NULL, value_free, reporting_job, cancellable, NULL, NULL,
                           done_cb, &f);
      while (!g_atomic_int_get (&f.reported))
        g_thread_yield ();
      g_cancellable_cancel (cancellable);
      run_until_done (&f);
      if (lasting)
        {
          g_assert_no_error (f.error);
          g_assert_true (f.value == &f);
        }
      else
        {
          g_assert_null (f.value);
          g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          while (!g_atomic_int_get (&f.freed))
            {
              g_main_context_iteration (NULL, FALSE);
              g_thread_yield ();
            }
        }
      fixture_clear (&f);
    }
}

/* Reports still pending when the relay closes never reach the caller: no
 * progress arrives after a job's completion. */
static void
test_relay_close (void)
{
  Fixture f = { 0 };
  g_autoptr(SegProgressRelay) relay = seg_progress_relay_new (progress_cb, &f);

  seg_progress_relay_report (0.25, "a quarter", relay);
  seg_progress_relay_report (0.5, "half", relay);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f.n_progress, ==, 1);
  g_assert_cmpstr (f.last_message, ==, "half");
  seg_progress_relay_report (0.75, "three quarters", relay);
  seg_progress_relay_close (relay);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f.n_progress, ==, 1);
  g_assert_cmpstr (f.last_message, ==, "half");
  fixture_clear (&f);
}

#ifdef __linux__
static int
thread_nice (void)
{
  int nice;

  errno = 0;
  nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  g_assert_cmpint (errno, ==, 0);
  return nice;
}

typedef struct
{
  GMutex   lock;
  GCond    cond;
  GThread *thread[2];
  int      nice[2];
  guint    n_seen;
} BlocksSeen;

/* Each of two threads takes one of the two blocks: a block waits until
 * the other one has started, so the thread that runs it cannot take both. */
static void
note_block (guint    block,
            guint    start,
            guint    end,
            gpointer user_data)
{
  BlocksSeen *seen = user_data;

  g_mutex_lock (&seen->lock);
  seen->thread[block] = g_thread_self ();
  seen->nice[block] = thread_nice ();
  seen->n_seen++;
  g_cond_broadcast (&seen->cond);
  while (seen->n_seen < 2)
    g_cond_wait (&seen->cond, &seen->lock);
  g_mutex_unlock (&seen->lock);
}

static gpointer
nice_job (gpointer         data,
          GCancellable    *cancellable,
          SegProgressFunc  progress,
          gpointer         progress_data,
          GError         **error)
{
  return g_memdup2 ((int[]) { thread_nice () }, sizeof (int));
}

static void
nice_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  int **value = user_data;

  *value = seg_job_run_finish (result, nice_job, NULL);
  g_assert_nonnull (*value);
}
#endif

/* The window asks for workers that yield to its main loop: the shared
 * pool's helpers and the jobs' threads get the main thread's nice value
 * plus the increment, and the calling thread keeps its own, also while it
 * runs blocks itself.  (Last in the program: it changes the process.) */
static void
test_worker_priority (void)
{
#ifdef __linux__
  BlocksSeen seen = { 0 };
  int base = thread_nice ();
  int want = MIN (base + 5, 19);
  g_autofree int *job_nice = NULL;
  guint caller;

  g_assert_cmpint (seg_parallel_get_worker_nice (), ==, G_MININT);
  seg_parallel_set_threads (2);
  seg_parallel_set_worker_nice (5);
  g_assert_cmpint (seg_parallel_get_worker_nice (), ==, want);

  g_mutex_init (&seen.lock);
  g_cond_init (&seen.cond);
  seg_parallel_blocks (2, 1, note_block, &seen);
  g_mutex_clear (&seen.lock);
  g_cond_clear (&seen.cond);
  g_assert_true (seen.thread[0] != seen.thread[1]);
  caller = seen.thread[0] == g_thread_self () ? 0 : 1;
  g_assert_true (seen.thread[caller] == g_thread_self ());
  g_assert_cmpint (seen.nice[caller], ==, base);
  g_assert_cmpint (seen.nice[1 - caller], ==, want);
  if (base < 19)
    g_assert_cmpint (seen.nice[1 - caller], >, base);

  seg_job_run_async (nice_job, NULL, NULL, g_free, nice_job, NULL, NULL, NULL, nice_done_cb, &job_nice);
  while (job_nice == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (*job_nice, ==, want);
  g_assert_cmpint (thread_nice (), ==, base);
#else
  g_test_skip ("a thread's own nice value is Linux's");
#endif
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/job/progress-coalesced", test_progress_coalesced);
  g_test_add_func ("/job/error", test_error);
  g_test_add_func ("/job/cancelled", test_cancelled);
  g_test_add_func ("/job/late-cancel", test_late_cancel);
  g_test_add_func ("/job/freed-in-caller", test_freed_in_caller);
  g_test_add_func ("/job/relay-close", test_relay_close);
  g_test_add_func ("/job/worker-priority", test_worker_priority);
  return g_test_run ();
}
